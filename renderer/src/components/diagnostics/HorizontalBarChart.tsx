/** One row: a category's name and its count. */
export interface Row {
  label: string;
  value: number;
}

interface Props {
  rows: Row[];
  /** Names the chart for assistive technology. */
  title: string;
  /** The CSS class that colours the bars. */
  barClassName: string;
}

const WIDTH = 560;
const ROW = 18;
/** Room for the longest category name at the label font ("Could not connect"), right-aligned. */
const LABELS = 116;
/** Room after the longest bar for its count. */
const COUNT = 44;

/**
 * Categories side by side as vertical bars left their names a sixtieth of the width each,
 * so long names ran into one another. One row per category, its name on the left and its
 * bar and count to the right, keeps every name whole and readable.
 */
export function HorizontalBarChart({ rows, title, barClassName }: Props) {
  const height = rows.length * ROW + 8;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const room = WIDTH - LABELS - COUNT;
  return (
    <svg className="bar-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title}>
      <line x1={LABELS} x2={LABELS} y1={4} y2={height - 4} className="bar-chart-axis" />
      {rows.map((row, i) => {
        const y = 4 + i * ROW;
        const w = (row.value / max) * room;
        return (
          <g key={row.label}>
            <title>{`${row.label}: ${row.value}`}</title>
            <text
              x={LABELS - 6}
              y={y + ROW / 2}
              textAnchor="end"
              dominantBaseline="central"
              className="bar-chart-label"
            >
              {row.label}
            </text>
            {w > 0 && <rect x={LABELS} y={y + 3} width={w} height={ROW - 6} className={barClassName} />}
            <text x={LABELS + w + 6} y={y + ROW / 2} dominantBaseline="central" className="bar-chart-label">
              {row.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
