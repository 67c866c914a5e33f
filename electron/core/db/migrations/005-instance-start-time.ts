import type { Migration } from './Migration';

/**
 * - `instances.proc_start`: when the owner process started, as the OS counts it (on
 *   Linux the starttime field of /proc/<pid>/stat, clock ticks since boot). A pid
 *   alone does not name a process: after a crash the pid can be handed to another
 *   process before recovery looks, and a dead owner would then look alive (§3.7).
 *   NULL where the OS gives no start time (then pid + heartbeat decide, as before).
 * - `messages_streaming`: recovery looks for messages left 'streaming' at every
 *   launch; a partial index keeps that from scanning the whole library.
 */
export const m005InstanceStartTime: Migration = {
  version: 5,
  name: 'instance process start time, streaming messages index',
  up(db) {
    db.exec(`
      ALTER TABLE instances ADD COLUMN proc_start INTEGER;
      CREATE INDEX messages_streaming ON messages(status) WHERE status = 'streaming';
    `);
  },
};
