/** One bar: a label and its stacked segments (each with a CSS class for its colour). */
export interface Bar {
  label: string;
  segments: { value: number; className: string; name: string }[];
}

interface Props {
  bars: Bar[];
  /** Names the chart for assistive technology. */
  title: string;
  height?: number;
}

/**
 * A stacked bar chart in plain SVG: a few dozen rects, no chart library. Each bar
 * carries a <title> with its figures, so hovering (or a screen reader) gives the numbers.
 */
export function BarChart({ bars, title, height = 120 }: Props) {
  const width = 560;
  const labelSpace = 18;
  const max = Math.max(1, ...bars.map((b) => b.segments.reduce((n, s) => n + s.value, 0)));
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.max(2, Math.min(36, slot * 0.7));
  const plot = height - labelSpace;
  const labelEvery = Math.ceil(bars.length / 10);
  return (
    <svg className="bar-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
      <line x1={0} x2={width} y1={plot} y2={plot} className="bar-chart-axis" />
      {bars.map((bar, i) => {
        const x = i * slot + (slot - barWidth) / 2;
        let y = plot;
        const total = bar.segments.reduce((n, s) => n + s.value, 0);
        return (
          <g key={bar.label + i}>
            <title>
              {`${bar.label}: ${total}` +
                (bar.segments.length > 1
                  ? ` (${bar.segments.map((s) => `${s.name} ${s.value}`).join(', ')})`
                  : '')}
            </title>
            {bar.segments.map((s) => {
              const h = (s.value / max) * (plot - 4);
              y -= h;
              return h > 0 ? (
                <rect key={s.name} x={x} y={y} width={barWidth} height={h} className={s.className} />
              ) : null;
            })}
            {i % labelEvery === 0 && (
              <Label x={x} barWidth={barWidth} width={width} y={height - 4} text={bar.label} />
            )}
          </g>
        );
      })}
    </svg>
  );
}

/** A bar's label, centred under it, but kept inside the chart at either edge. */
function Label({
  x,
  barWidth,
  width,
  y,
  text,
}: {
  x: number;
  barWidth: number;
  width: number;
  y: number;
  text: string;
}) {
  const centre = x + barWidth / 2;
  const edge = 24;
  const [at, anchor]: [number, 'start' | 'middle' | 'end'] =
    centre < edge
      ? [Math.max(0, x), 'start']
      : centre > width - edge
        ? [Math.min(width, x + barWidth), 'end']
        : [centre, 'middle'];
  return (
    <text x={at} y={y} textAnchor={anchor} className="bar-chart-label">
      {text}
    </text>
  );
}
