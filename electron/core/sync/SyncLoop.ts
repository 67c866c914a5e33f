/**
 * Continuous sync: a pass whenever another device pushes (LISTEN/NOTIFY, never
 * polling the server), whenever this library changes (PRAGMA data_version, a local
 * read that costs nothing), and every `idleMs` regardless. An unreachable server is
 * not an error: the library keeps working and the loop says "offline since …" and
 * tries again with backoff.
 */
import type { Database } from 'better-sqlite3';
import type { SyncCounts, SyncEngine } from './SyncEngine';
import type { SyncServer } from './SyncServer';

export type SyncStatus =
  | { state: 'syncing' }
  | { state: 'synced'; at: number; counts: SyncCounts }
  | { state: 'offline'; since: number; error: string };

export interface SyncLoopOptions {
  db: Database;
  engine: SyncEngine;
  server: SyncServer;
  onStatus: (status: SyncStatus) => void;
  signal: AbortSignal;
  now?: () => number;
  idleMs?: number;
  pollMs?: number;
}

export async function runSyncLoop(options: SyncLoopOptions): Promise<void> {
  const { db, engine, server, onStatus, signal } = options;
  const now = options.now ?? Date.now;
  const idleMs = options.idleMs ?? 30_000;
  const pollMs = options.pollMs ?? 200;
  let wake: (() => void) | null = null;
  let dirty = true;
  const poke = () => {
    dirty = true;
    wake?.();
  };
  let stopListening: (() => Promise<void>) | null = null;
  let offlineSince: number | null = null;
  let backoffMs = 1000;
  let lastVersion = db.pragma('data_version', { simple: true }) as number;
  const poll = setInterval(() => {
    const v = db.pragma('data_version', { simple: true }) as number;
    if (v !== lastVersion) {
      lastVersion = v;
      poke();
    }
  }, pollMs);
  signal.addEventListener('abort', poke);
  try {
    while (!signal.aborted) {
      if (dirty) {
        dirty = false;
        try {
          if (!stopListening) {
            stopListening = await server.listen(poke, () => {
              stopListening = null;
              poke();
            });
          }
          onStatus({ state: 'syncing' });
          const counts = await engine.syncOnce();
          offlineSince = null;
          backoffMs = 1000;
          onStatus({ state: 'synced', at: now(), counts });
        } catch (err) {
          offlineSince ??= now();
          onStatus({ state: 'offline', since: offlineSince, error: (err as Error).message });
          await stopListening?.();
          stopListening = null;
          dirty = true;
          await sleep(backoffMs, signal);
          backoffMs = Math.min(backoffMs * 2, 60_000);
          continue;
        }
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          dirty = true;
          resolve();
        }, idleMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        if (dirty || signal.aborted) wake();
      });
      wake = null;
    }
  } finally {
    clearInterval(poll);
    signal.removeEventListener('abort', poke);
    await stopListening?.();
  }
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
