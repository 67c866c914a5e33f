import type { Database, Statement } from 'better-sqlite3';

type Params = unknown[] | Record<string, unknown>;

const caches = new WeakMap<Database, Map<string, Statement<unknown[], unknown>>>();

/**
 * The statement for `sql` on `db`, prepared on its first use and kept as long as the
 * database object lives: the table owners' query modules hand out statements without
 * each caller holding its own, and a hot path never prepares twice. Prepared lazily,
 * so a library from before a table's migration never prepares what it cannot answer.
 */
export function prepared<P extends Params = unknown[], R = unknown>(
  db: Database,
  sql: string,
): Statement<P, R> {
  return cached(db, sql, false) as unknown as Statement<P, R>;
}

/** As `prepared`, returning the first column of each row (`Statement.pluck`). */
export function plucked<P extends Params = unknown[], R = unknown>(
  db: Database,
  sql: string,
): Statement<P, R> {
  return cached(db, sql, true) as unknown as Statement<P, R>;
}

function cached(db: Database, sql: string, pluck: boolean): Statement<unknown[], unknown> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = pluck ? `pluck\n${sql}` : sql;
  let statement = cache.get(key);
  if (!statement) {
    statement = db.prepare<unknown[], unknown>(sql);
    if (pluck) statement.pluck();
    cache.set(key, statement);
  }
  return statement;
}
