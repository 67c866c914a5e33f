import { count } from '../plural';
import type { StreamInspection } from '../../../shared/api/schemas/inspector';

const W = 560;
const H = 170;
const PAD = { left: 44, right: 12, top: 12, bottom: 26 };

/**
 * Cumulative chunks over time, in plain SVG: the line climbs with each chunk, stalls
 * (no chunk for longer than the threshold) are shaded, the first chunk is marked.
 */
export function StreamChart({ stream }: { stream: StreamInspection }) {
  const { arrivals, stalls, timeToFirstChunkMs, chunks } = stream;
  const endMs = Math.max(stream.durationMs, arrivals.at(-1)?.tMs ?? 0, 1);
  const topN = Math.max(chunks, 1);
  const x = (ms: number) => PAD.left + (ms / endMs) * (W - PAD.left - PAD.right);
  const y = (n: number) => H - PAD.bottom - (n / topN) * (H - PAD.top - PAD.bottom);
  // A step line: flat until a chunk arrives, then up by one.
  let path = `M${x(0)},${y(0)}`;
  for (const a of arrivals) path += ` H${x(a.tMs).toFixed(1)} V${y(a.n).toFixed(1)}`;
  if (arrivals.length) path += ` H${x(endMs).toFixed(1)}`;
  const label =
    `Chunk arrivals over time: ${chunks} chunks in ${seconds(stream.durationMs)}` +
    (timeToFirstChunkMs !== null ? `, first after ${ms(timeToFirstChunkMs)}` : '') +
    (stalls.length ? `, ${count(stalls.length, 'stall')}` : '');

  return (
    <svg className="stream-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <title>{label}</title>
      {stalls.map((s, i) => (
        <rect
          key={i}
          className="chart-stall"
          x={x(s.fromMs)}
          y={PAD.top}
          width={Math.max(1, x(s.toMs) - x(s.fromMs))}
          height={H - PAD.top - PAD.bottom}
        />
      ))}
      <line className="chart-axis" x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} />
      <line className="chart-axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} />
      {timeToFirstChunkMs !== null && (
        <g className="chart-first">
          <line x1={x(timeToFirstChunkMs)} y1={PAD.top} x2={x(timeToFirstChunkMs)} y2={H - PAD.bottom} />
          <text x={x(timeToFirstChunkMs) + 4} y={PAD.top + 10}>
            first chunk {ms(timeToFirstChunkMs)}
          </text>
        </g>
      )}
      <path className="chart-line" d={path} />
      <text className="chart-label" x={PAD.left - 6} y={PAD.top + 8} textAnchor="end">
        {chunks}
      </text>
      <text className="chart-label" x={PAD.left - 6} y={H - PAD.bottom} textAnchor="end">
        0
      </text>
      <text className="chart-label" x={PAD.left} y={H - 8}>
        0 s
      </text>
      <text className="chart-label" x={W - PAD.right} y={H - 8} textAnchor="end">
        {seconds(endMs)}
      </text>
    </svg>
  );
}

export function ms(value: number): string {
  return value < 1000 ? `${Math.round(value)} ms` : seconds(value);
}

export function seconds(value: number): string {
  return `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`;
}
