import type { Stats } from '../../../../shared/api/schemas/stats';
import type { ApiHandlers } from '../types';

/** `stats.get`: the local reliability figures of a period (stats/readStats.ts). */
export function statsHandlers(read: (sinceMs: number) => Stats): Pick<ApiHandlers, 'stats.get'> {
  return { 'stats.get': ({ sinceMs }) => read(sinceMs) };
}
