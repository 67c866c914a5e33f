import type { Command } from '../command';
import { EXIT } from '../exit';
import { print } from '../io';
import { openLibrary } from '../library';

/**
 * `spool recover [--json]`: launch recovery (§3.7) — streams whose process is gone
 * become `interrupted` with every committed chunk kept; lagging snapshots are rebuilt.
 * Opening the library runs it; this prints what it did.
 */
export const recoverCommand: Command = {
  name: 'recover',
  usage: 'spool recover [--json] [--data-dir DIR]',
  summary: 'run launch recovery and print what it did',
  options: { json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run({ io, dataDir, values }) {
    const core = await openLibrary(io, dataDir, { mustExist: true, quietRecovery: true });
    try {
      const client = core.connect(() => {});
      const result = await client.call('recovery.report', {});
      if (!result.ok) throw new Error(result.error.message);
      const report = result.data;
      const items = await client.call('recovery.items', {});
      client.dispose();
      if (!items.ok) throw new Error(items.error.message);
      const { interrupted, rebuilt } = items.data;
      const out = { ...report, interrupted, rebuilt };
      if (values.json) {
        await print(io, JSON.stringify(out, null, 2) + '\n');
        return EXIT.ok;
      }
      const lines = [
        `Recovery: ${report.streamsInterrupted} interrupted stream(s) finalised, ` +
          `${report.messagesRebuilt} message(s) rebuilt from the chunk log.`,
        ...interrupted.map(
          (s) =>
            `  interrupted  stream ${s.streamId} of message ${s.messageId} (${s.lastSeq + 1} chunk(s) kept)`,
        ),
        ...out.rebuilt.map((id) => `  rebuilt      message ${id}`),
      ];
      await print(io, lines.join('\n') + '\n');
      return EXIT.ok;
    } finally {
      await core.close();
    }
  },
};
