import path from 'node:path';
import {
  ConversationExportFormat,
  LibraryExportFormat,
  MessageExportFormat,
  type ExportTarget,
} from '../../../shared/api/schemas/export';
import type { SpoolCore } from '../../core/SpoolCore';
import { callOnce } from '../callOnce';
import type { Command } from '../command';
import { CliError, EXIT } from '../exit';
import { warn } from '../io';
import { openLibrary } from '../library';

const FORMATS = 'text|md|jsonl|raw|json';

/**
 * `spool export ID --format F [--out FILE]`: a message (text, md, jsonl, raw) or a
 * conversation (md, json), to stdout or a file. `--all` exports the library (json,
 * or md = one Markdown file per conversation into the folder given by --out).
 */
export const exportCommand: Command = {
  name: 'export',
  usage: `spool export ID --format ${FORMATS} [--out FILE] [--data-dir DIR]\n       spool export --all --format json|md [--out FILE|DIR] [--data-dir DIR]`,
  summary: 'export a message, a conversation or (--all) the library',
  options: {
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    all: { type: 'boolean' },
  },
  positionals: { min: 0, max: 1 },
  async run({ io, dataDir, values, positionals }) {
    const format = values.format as string | undefined;
    if (!format) throw new CliError(`export: --format ${FORMATS} is required.`, EXIT.usage);
    if (!FORMATS.split('|').includes(format)) {
      throw new CliError(`export: --format must be one of ${FORMATS}, not "${format}".`, EXIT.usage);
    }
    const id = positionals[0];
    if (values.all && id) throw new CliError('export: give an ID or --all, not both.', EXIT.usage);
    if (!values.all && !id)
      throw new CliError('export: which message or conversation? Give its ID.', EXIT.usage);
    const out = values.out === undefined ? undefined : path.resolve(values.out as string);
    if (values.all) checkLibraryFormat(format, out);

    const core = await openLibrary(io, dataDir, { mustExist: true });
    try {
      const target = values.all ? libraryTarget(format) : await resolveTarget(core, id!, format);
      // This run's destination instead of a dialog: the file or folder, else stdout (streamed).
      const client = core.connect(() => {}, { exportDestination: () => Promise.resolve(out ?? io.stdout) });
      try {
        const saved = await client.call('export.save', { target });
        if (!saved.ok) {
          // The reader went away (`spool export … | head`): nothing is wrong with the export.
          if ((saved.error.details as { errno?: string } | undefined)?.errno === 'EPIPE') return EXIT.ok;
          throw new Error(saved.error.message);
        }
        if (saved.data.outcome !== 'saved')
          throw new Error(`export: unexpected outcome ${saved.data.outcome}`);
        // The text format stays byte-exact: its warning goes here, never into the output.
        if (saved.data.warning) warn(io, `warning: ${saved.data.warning}`);
        if (out) {
          const what =
            values.all && format === 'md' ? `${saved.data.files} file(s)` : `${saved.data.bytes} bytes`;
          warn(io, `exported ${what} to ${saved.data.path}`);
        }
        return EXIT.ok;
      } finally {
        client.dispose();
      }
    } finally {
      await core.close();
    }
  },
};

function libraryTarget(format: string): ExportTarget {
  return { kind: 'library', format: format === 'md' ? 'markdown-folder' : 'json' };
}

function checkLibraryFormat(format: string, out: string | undefined): void {
  const parsed = LibraryExportFormat.safeParse(format === 'md' ? 'markdown-folder' : format);
  if (!parsed.success)
    throw new CliError(`export --all: --format must be json or md, not "${format}".`, EXIT.usage);
  if (parsed.data === 'markdown-folder' && !out) {
    throw new CliError(
      'export --all --format md writes one file per conversation: give --out DIR.',
      EXIT.usage,
    );
  }
}

/** An id names a message or a conversation; the format must suit which. */
async function resolveTarget(core: SpoolCore, id: string, format: string): Promise<ExportTarget> {
  if (await exists(core, 'messages.get', id)) {
    const parsed = MessageExportFormat.safeParse(format);
    if (!parsed.success) {
      throw new CliError(`export: a message exports as text, md, jsonl or raw, not "${format}".`, EXIT.usage);
    }
    return { kind: 'message', messageId: id, format: parsed.data };
  }
  if (await exists(core, 'conversations.get', id)) {
    const parsed = ConversationExportFormat.safeParse(format);
    if (!parsed.success) {
      throw new CliError(`export: a conversation exports as md or json, not "${format}".`, EXIT.usage);
    }
    return { kind: 'conversation', conversationId: id, format: parsed.data };
  }
  throw new CliError(
    `no message or conversation with id ${id}. \`spool list\` shows the ids.`,
    EXIT.unknownId,
  );
}

/** Whether the id names a message (any version) or a conversation. */
async function exists(
  core: SpoolCore,
  channel: 'messages.get' | 'conversations.get',
  id: string,
): Promise<boolean> {
  const found = await callOnce(core, (client) => client.call(channel, { id }));
  if (!found.ok && found.error.code !== 'NOT_FOUND') throw new Error(found.error.message);
  return found.ok;
}
