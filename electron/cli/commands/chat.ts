import type { ProviderKind } from '../../../shared/api/schemas/providers';
import type { SpoolCore } from '../../core/SpoolCore';
import type { Command } from '../command';
import { CliError, EXIT, type ExitCode } from '../exit';
import type { CliIo } from '../io';
import { openLibrary } from '../library';
import { readAttachments, type FileToAttach } from './chatAttach';
import { parseChatSettings, type ChatSettingsFlags } from './chatParams';
import { resolveLocalModel, resolveProvider } from './chatProvider';
import { followReply } from './followReply';
import type { ApiResult } from '../../../shared/api/result';

/**
 * `spool chat [--provider ID|KIND] [--base-url URL] [--model NAME] [--conversation ID]
 * [--system TEXT] [--temperature N] [--top-p N] [--max-tokens N] [--attach FILE]… [PROMPT]`:
 * sends the prompt (argument or stdin) through the same `chat.send` call the app
 * uses, then prints the reply as an engine subscriber — only chunks already in the
 * chunk log — so whatever it printed survives a kill of this process.
 */
export const chatCommand: Command = {
  name: 'chat',
  usage:
    'spool chat [--provider ID|openai-compatible|anthropic|ollama|local] [--base-url URL] [--model NAME]\n' +
    '                  [--model-path FILE.gguf] [--system TEXT] [--temperature N] [--top-p N] [--max-tokens N]\n' +
    '                  [--attach FILE]... [--conversation ID] [--data-dir DIR] [PROMPT]   (PROMPT from stdin when absent; files alone need none)',
  summary: 'send a prompt and stream the reply to stdout',
  options: {
    provider: { type: 'string', short: 'p' },
    'base-url': { type: 'string' },
    model: { type: 'string', short: 'm' },
    conversation: { type: 'string', short: 'c' },
    'model-path': { type: 'string' },
    system: { type: 'string' },
    temperature: { type: 'string' },
    'top-p': { type: 'string' },
    'max-tokens': { type: 'string' },
    attach: { type: 'string', short: 'a', multiple: true },
  },
  positionals: { min: 0, max: Infinity },
  async run({ io, dataDir, values, positionals }) {
    const attachments = readAttachments(values);
    // Files alone are a message too (as in the app): no prompt needed, nor a stdin to wait on.
    const prompt = positionals.length
      ? positionals.join(' ')
      : attachments.length && io.stdin.isTTY
        ? ''
        : await readStdin(io);
    if (!prompt.trim() && !attachments.length)
      throw new CliError('chat: the prompt is empty (give it as an argument or on stdin).', EXIT.usage);
    const settings = parseChatSettings(values);
    const core = await openLibrary(io, dataDir, { mustExist: false });
    try {
      return await chat(core, io, prompt, {
        provider: values.provider as string | undefined,
        baseUrl: values['base-url'] as string | undefined,
        model: values.model as string | undefined,
        conversation: values.conversation as string | undefined,
        modelPath: values['model-path'] as string | undefined,
        settings,
        attachments,
      });
    } finally {
      await core.close();
    }
  },
};

interface ChatFlags {
  provider?: string;
  baseUrl?: string;
  model?: string;
  conversation?: string;
  modelPath?: string;
  settings: ChatSettingsFlags;
  attachments: FileToAttach[];
}

async function chat(core: SpoolCore, io: CliIo, prompt: string, flags: ChatFlags): Promise<ExitCode> {
  const local = await resolveLocalModel(core, flags);
  const providerId =
    local?.providerId ??
    (await resolveProvider(core, flags.provider as ProviderKind | string | undefined, flags));
  const model = local ? local.model : flags.model;
  const client = core.connect(() => {});
  try {
    const conversation = flags.conversation
      ? await client.call('conversations.get', { id: flags.conversation })
      : await client.call(
          'conversations.create',
          titled(titleOf(prompt.trim() ? prompt : flags.attachments.map((a) => a.name).join(', '))),
        );
    if (!conversation.ok) {
      if (conversation.error.code !== 'NOT_FOUND') throw new Error(conversation.error.message);
      throw new CliError(
        `no conversation with id ${flags.conversation}. \`spool list\` shows the ids.`,
        EXIT.unknownId,
      );
    }
    const conversationId = conversation.data.id;
    // Kept with the conversation, as the app's Conversation settings would: later sends use them too.
    if (flags.settings.system !== undefined) {
      must(
        await client.call('conversations.setSystemPrompt', {
          id: conversationId,
          systemPrompt: flags.settings.system,
        }),
      );
    }
    if (Object.keys(flags.settings.params).length) {
      const params = { ...conversation.data.params, ...flags.settings.params };
      must(await client.call('conversations.setParams', { id: conversationId, params }));
    }
    const attachmentIds: string[] = [];
    for (const file of flags.attachments) {
      const added = await client.call('attachments.add', {
        conversationId,
        name: file.name,
        dataBase64: file.data.toString('base64'),
      });
      if (!added.ok) throw new CliError(`chat: --attach ${file.name}: ${added.error.message}`, EXIT.usage);
      attachmentIds.push(added.data.id);
    }
    const sent = await client.call('chat.send', {
      conversationId,
      text: prompt.trim() ? prompt : '',
      ...(attachmentIds.length ? { attachmentIds } : {}),
      ...(providerId ? { providerId } : {}),
      ...(model ? { model } : {}),
    });
    if (!sent.ok) {
      const { code, message } = sent.error;
      if (code === 'NOT_FOUND') throw new CliError(message, EXIT.unknownId);
      if (code === 'CONFLICT' || code === 'BAD_REQUEST') {
        throw new CliError(
          `${message} (On the command line: --provider, --base-url and --model.)`,
          EXIT.usage,
        );
      }
      throw new CliError(`chat failed: ${message}`, EXIT.failed);
    }
    const { reply } = sent.data;
    return await followReply(core, client, io, reply);
  } finally {
    client.dispose();
  }
}

const titled = (title: string) => (title ? { title } : {});

/** A call the CLI has already validated for: a refusal is a bug, not the user's mistake. */
function must<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data;
}

function titleOf(prompt: string): string {
  const line = prompt.trim().split('\n')[0]!.trim();
  return Array.from(line).length > 60 ? Array.from(line).slice(0, 59).join('') + '…' : line;
}

async function readStdin(io: CliIo): Promise<string> {
  if (io.stdin.isTTY) {
    throw new CliError('chat: give the prompt as an argument, or pipe it on stdin.', EXIT.usage);
  }
  const parts: Buffer[] = [];
  for await (const chunk of io.stdin) parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(parts).toString('utf8').replace(/\s+$/, '');
}
