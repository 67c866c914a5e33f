import type { ProviderKind } from '../../../shared/api/schemas/providers';
import type { SpoolCore } from '../../core/SpoolCore';
import type { Command } from '../command';
import { CliError, EXIT, type ExitCode } from '../exit';
import type { CliIo } from '../io';
import { openLibrary } from '../library';
import { callOnce } from '../callOnce';
import { resolveLocalModel, resolveProvider } from './chatProvider';
import { followReply } from './followReply';

type Channel = 'chat.regenerate' | 'chat.continue';

/** What Continue takes (ChatService says the same, and decides again in its transaction). */
const CONTINUABLE = new Set(['interrupted', 'cancelled', 'error']);

interface Flags {
  command: string;
  provider?: string;
  baseUrl?: string;
  model?: string;
}

/**
 * `spool regenerate MESSAGE_ID` and `spool continue MESSAGE_ID`: the app's Regenerate
 * (a new version of the reply, beside the old one, shown from now on) and Continue (a
 * new stream of the same interrupted, stopped or failed reply), printed like `spool
 * chat` — only what is committed to the chunk log — with the same exit codes; a
 * message that cannot be asked again as it is (a user message, a reply still being
 * written, a complete reply to continue) is exit 8.
 */
function replyAgainCommand(name: 'regenerate' | 'continue', channel: Channel, summary: string): Command {
  return {
    name,
    usage:
      `spool ${name} MESSAGE_ID [--provider ID|openai-compatible|anthropic|ollama|local] [--base-url URL]\n` +
      '                  [--model NAME] [--data-dir DIR]',
    summary,
    options: {
      provider: { type: 'string', short: 'p' },
      'base-url': { type: 'string' },
      model: { type: 'string', short: 'm' },
    },
    positionals: { min: 1, max: 1 },
    async run({ io, dataDir, values, positionals }) {
      const core = await openLibrary(io, dataDir, { mustExist: true });
      try {
        return await replyAgain(core, io, channel, positionals[0]!, {
          command: name,
          provider: values.provider as string | undefined,
          baseUrl: values['base-url'] as string | undefined,
          model: values.model as string | undefined,
        });
      } finally {
        await core.close();
      }
    },
  };
}

export const regenerateCommand = replyAgainCommand(
  'regenerate',
  'chat.regenerate',
  'a new version of a reply (the old one is kept), streamed to stdout',
);

export const continueCommand = replyAgainCommand(
  'continue',
  'chat.continue',
  'carry on an interrupted, stopped or failed reply, streamed to stdout',
);

async function replyAgain(
  core: SpoolCore,
  io: CliIo,
  channel: Channel,
  messageId: string,
  flags: Flags,
): Promise<ExitCode> {
  // Bad input is refused before a --provider kind is looked at or saved: nothing changes.
  const found = await callOnce(core, (client) => client.call('messages.get', { id: messageId }));
  if (!found.ok) {
    if (found.error.code !== 'NOT_FOUND') throw new Error(found.error.message);
    throw new CliError(`no message with id ${messageId}. \`spool list\` shows the ids.`, EXIT.unknownId);
  }
  const message = found.data;
  if (message.role !== 'assistant') {
    throw new CliError(`Message ${messageId} is a ${message.role} message, not a reply.`, EXIT.conflict);
  }
  if (channel === 'chat.continue' && !CONTINUABLE.has(message.status)) {
    throw new CliError(
      `Only an interrupted, stopped or failed reply can be continued; this one is ${message.status}.`,
      EXIT.conflict,
    );
  }
  const local = await resolveLocalModel(core, flags);
  const providerId =
    local?.providerId ??
    (await resolveProvider(core, flags.provider as ProviderKind | string | undefined, flags));
  const model = local ? local.model : flags.model;
  const client = core.connect(() => {});
  try {
    const started = await client.call(channel, {
      messageId,
      ...(providerId ? { providerId } : {}),
      ...(model ? { model } : {}),
    });
    if (!started.ok) {
      const { code, message } = started.error;
      if (code === 'NOT_FOUND') throw new CliError(message, EXIT.unknownId);
      if (code === 'CONFLICT') throw new CliError(message, EXIT.conflict);
      if (code === 'BAD_REQUEST') throw new CliError(message, EXIT.usage);
      throw new CliError(`${channel.slice(5)} failed: ${message}`, EXIT.failed);
    }
    return await followReply(core, client, io, started.data);
  } finally {
    client.dispose();
  }
}
