import type { StreamReport } from '../../../shared/api/schemas/inspector';
import { usageText } from '../../../shared/usage';
import { callOnce } from '../callOnce';
import type { Command } from '../command';
import { CliError, EXIT } from '../exit';
import { print } from '../io';
import { openLibrary } from '../library';

/** `spool inspect MESSAGE_ID [--json]`: usage, and per stream what was sent, chunks, bytes, timing and status history. */
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
      const reported = await callOnce(core, (client) => client.call('streams.report', { messageId: id }));
      if (!reported.ok) {
        if (reported.error.code !== 'NOT_FOUND') throw new Error(reported.error.message);
        throw new CliError(`no message with id ${id}. \`spool list\` shows the ids.`, EXIT.unknownId);
      }
      const report = reported.data;
      const { streams, usage } = report;
      if (values.json) {
        await print(io, JSON.stringify(report, null, 2) + '\n');
        return EXIT.ok;
      }
      const lines = [
        `Message ${report.messageId} · ${report.role} · ${report.status} · ${streams.length} stream(s)`,
        ...(usage ? [`Tokens: ${usageText(usage)}`] : []),
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

function describeStream(s: StreamReport): string[] {
  const p = s.sent.params;
  const sent = [
    s.sent.system !== null ? `system prompt (${s.sent.system.length} chars)` : null,
    p.temperature !== undefined ? `temperature ${p.temperature}` : null,
    p.topP !== undefined ? `top-p ${p.topP}` : null,
    p.maxOutputTokens !== undefined ? `max tokens ${p.maxOutputTokens}` : null,
    p.reasoningEffort ? `reasoning effort ${p.reasoningEffort}` : null,
  ].filter(Boolean);
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
    `  sent           ${sent.length ? sent.join(', ') : 'provider defaults'}`,
    ...(s.unsavedChunks ? [`  not saved      ${s.unsavedChunks} chunk(s) only in memory`] : []),
  ];
}
