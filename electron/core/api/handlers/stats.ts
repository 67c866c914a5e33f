import type { Database } from 'better-sqlite3';
import type { ApiHandlers } from '../types';
import { readStats } from '../../stats/readStats';

/** `stats.get`: the local reliability figures of a period. */
export function statsHandlers(db: Database, now: () => number): Pick<ApiHandlers, 'stats.get'> {
  return { 'stats.get': ({ sinceMs }) => readStats(db, now(), sinceMs) };
}
