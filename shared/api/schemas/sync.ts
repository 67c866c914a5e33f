import { z } from 'zod';
import { Empty, Timestamp } from './common';

/**
 * Sync through PostgreSQL (DESIGN §10) as a window sees it. The connection string and
 * the passphrase never come back: only the server's host and database name.
 */
export const SyncState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('off') }),
  z.object({ state: z.literal('connecting'), server: z.string() }),
  z.object({ state: z.literal('syncing'), server: z.string(), lastSyncedAt: Timestamp.nullable() }),
  z.object({ state: z.literal('synced'), server: z.string(), lastSyncedAt: Timestamp }),
  z.object({ state: z.literal('offline'), server: z.string(), since: Timestamp, error: z.string() }),
]);
export type SyncState = z.infer<typeof SyncState>;

export const syncCalls = {
  'sync.status': { request: Empty, reply: SyncState },
  /**
   * Checks the server and the passphrase first (a wrong one is BAD_REQUEST, a newer server
   * CONFLICT, an unreachable one UNAVAILABLE, and nothing is kept); then keeps both like API
   * keys and syncs from now on.
   */
  'sync.configure': {
    request: z
      .object({
        databaseUrl: z
          .string()
          .trim()
          .regex(/^postgres(ql)?:\/\//, 'a PostgreSQL connection string starts with postgres://')
          .max(4000),
        passphrase: z.string().min(8, 'a sync passphrase has at least 8 characters').max(1000),
      })
      .strict(),
    reply: SyncState,
  },
  /** Stops syncing and forgets the connection string and passphrase; the library keeps everything. */
  'sync.disable': { request: Empty, reply: SyncState },
} as const;
