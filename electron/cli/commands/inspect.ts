import { streamStats, type StreamStats } from '../../core/export';
import type { Command } from '../command';
import { CliError, EXIT } from '../exit';
import { print } from '../io';
import { openLibrary } from '../library';

/** `spool inspect MESSAGE_ID [--json]`: per stream, chunks, bytes, timing and status history. */
export const inspectCommand: Command = {
  name: 'inspect',
  usage: 'spool inspect MESSAGE_ID [--json] [--data-dir DIR]',
  summary: 'stream stats of a message: chunks, bytes, timing, status history',
  options: { json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run({ io, dataDir, values, positionals }) {
    const id = positionals[0]!;
    const core = await openLibrary(io, dataDir, { mustExist: true });
    try {
      const source = core.exporter.source;
      const message = source.findMessage(id);
      if (!message) {
        throw new CliError(`no message with id ${id}. \`spool list\` shows the ids.`, EXIT.unknownId);
      }
      const streams = source.streamsOf(id).map((s) => streamStats(source, s));
      const report = {
        messageId: message.id,
        conversationId: message.conversationId,
        role: message.role,
        status: message.status,
        createdAt: message.createdAt,
        streams,
      };
      if (values.json) {
        await print(io, JSON.stringify(report, null, 2) + '\n');
        return EXIT.ok;
      }
      const lines = [
        `Message ${message.id} · ${message.role} · ${message.status} · ${streams.length} stream(s)`,
      ];
      for (const s of streams) lines.push('', ...describeStream(s));
      await print(io, lines.join('\n') + '\n');
      return EXIT.ok;
    } finally {
      await core.close();
    }
  },
};

const ms = (v: number | null) => (v === null ? '—' : `${v} ms`);

function describeStream(s: StreamStats): string[] {
  const model = [s.providerName ?? s.provider, s.model].filter(Boolean).join(' / ');
  const types = Object.entries(s.byType)
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
  const history = s.history.map((h) => `${h.status} ${new Date(h.at).toISOString()}`).join(' → ');
  return [
    `Stream ${s.streamId}${model ? ` (${model})` : ''}`,
    `  status         ${history}`,
    ...(s.error ? [`  error          ${s.error.code}: ${s.error.message}`] : []),
    `  chunks         ${s.chunks}${types ? ` (${types})` : ''}`,
    `  bytes          ${s.bytes} logged, ${s.textBytes} of text`,
    `  first chunk    ${ms(s.firstChunkMs)} (first content ${ms(s.firstContentMs)})`,
    `  duration       ${ms(s.durationMs)}`,
    `  chunks/s       ${s.chunksPerSecond ?? '—'}`,
    ...(s.unsavedChunks ? [`  not saved      ${s.unsavedChunks} chunk(s) only in memory`] : []),
  ];
}
