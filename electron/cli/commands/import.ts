import path from 'node:path';
import type { ImportProgress } from '../../../shared/api/schemas/import';
import type { Command } from '../command';
import { CliError, EXIT } from '../exit';
import { print, type CliIo } from '../io';
import { openLibrary } from '../library';

const FORMAT_NAMES = { chatgpt: 'a ChatGPT export', claude: 'a Claude export', spool: 'a Spool export' };

function progressLine(p: ImportProgress): string {
  const percent = p.totalBytes > 0 ? Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100)) : 0;
  return (
    `spool: importing ${percent}% · ${p.conversations} conversation(s) read, ` +
    `${p.conversationsAdded} new, ${p.messagesAdded} message(s) added\n`
  );
}

export function summaryLine(p: ImportProgress): string {
  const from = p.format ? ` from ${FORMAT_NAMES[p.format]}` : '';
  const lines = [
    `Imported ${p.conversationsAdded} new conversation(s) and ${p.messagesAdded} message(s)${from}; ` +
      `${p.conversations} conversation(s) read.`,
    ...p.skipped.map((s) => `Skipped "${s.title}" (${s.sourceId}): ${s.reason}`),
  ];
  if (p.state === 'cancelled') lines.push('Stopped before the end: import the file again to finish.');
  return lines.join('\n') + '\n';
}

function stderrProgress(io: CliIo): (p: ImportProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (p.state === 'failed' || (p.state === 'running' && now - last < 1000)) return;
    last = now;
    io.stderr.write(progressLine(p));
  };
}

/**
 * `spool import FILE [--json]`: a ChatGPT or Claude data export (the .zip or its
 * conversations.json) or a Spool JSON export, into the library. Progress on stderr;
 * the summary (or `--json`, the final progress object) on stdout. Ctrl-C stops after
 * the conversation being written: each imported conversation is whole, and running
 * the same import again adds only what is missing.
 */
export const importCommand: Command = {
  name: 'import',
  usage: 'spool import FILE [--json] [--data-dir DIR]',
  summary: 'import a ChatGPT or Claude data export, or a Spool JSON export',
  options: { json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run({ io, dataDir, values, positionals }) {
    const file = path.resolve(positionals[0]!);
    const core = await openLibrary(io, dataDir, { mustExist: false, quietRecovery: true });
    try {
      const show = stderrProgress(io);
      // How each import ended, as its last progress event says (it comes before the job is done).
      const ended = new Map<string, ImportProgress>();
      let onEnded: (() => void) | null = null;
      const client = core.connect((event) => {
        if (event.name !== 'import.progress') return;
        show(event.payload);
        if (event.payload.state === 'running') return;
        ended.set(event.payload.importId, event.payload);
        onEnded?.();
      });
      const started = await client.call('import.start', { path: file });
      if (!started.ok) throw new CliError(started.error.message, EXIT.badImport);
      const { importId } = started.data;
      const stop = () => void client.call('import.cancel', { importId });
      io.signal.addEventListener('abort', stop, { once: true });
      if (io.signal.aborted) stop();
      const result = await new Promise<ImportProgress>((resolve) => {
        onEnded = () => {
          const progress = ended.get(importId);
          if (progress) resolve(progress);
        };
        onEnded();
      });
      io.signal.removeEventListener('abort', stop);
      client.dispose();
      if (result.state === 'failed') {
        const code = result.error?.code === 'BAD_REQUEST' || result.error?.code === 'NOT_FOUND';
        const why = result.error?.message ?? 'unknown error';
        if (result.conversationsAdded > 0 || result.messagesAdded > 0) await print(io, summaryLine(result));
        throw new CliError(`import failed: ${why}`, code ? EXIT.badImport : EXIT.failed);
      }
      await print(io, values.json ? JSON.stringify(result, null, 2) + '\n' : summaryLine(result));
      if (result.state === 'cancelled') {
        return io.signal.reason === 'SIGTERM' ? EXIT.terminated : EXIT.interrupted;
      }
      return EXIT.ok;
    } finally {
      await core.close();
    }
  },
};
