/**
 * The column parts of `INSERT INTO t (…) VALUES (…) ON CONFLICT (id) DO UPDATE SET …` for
 * a row bound by name (`@column`), for whichever columns a row arrived with. Each
 * table's owner writes the statement around them, so its table name stays in its own
 * folder (DESIGN.md §2). Column names come from the owner's list, never from input.
 */
export function upsertById(columns: readonly string[]): { names: string; values: string; updates: string } {
  return {
    names: columns.join(', '),
    values: columns.map((c) => `@${c}`).join(', '),
    updates: columns
      .filter((c) => c !== 'id')
      .map((c) => `${c} = excluded.${c}`)
      .join(', '),
  };
}

/** The entries of `row` whose keys are in `columns`, in `columns`' order. */
export function pickColumns(
  row: Record<string, unknown>,
  columns: readonly string[],
): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const c of columns) if (Object.hasOwn(row, c)) picked[c] = row[c];
  return picked;
}
