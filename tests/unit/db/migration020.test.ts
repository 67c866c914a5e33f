import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, userVersion } from '../../../electron/core/db/openDatabase';
import { makeTempDir } from '../../helpers/tempDir';
import { openAt } from './migrationSteps';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const outbox = (db: Database) =>
  db.prepare('SELECT kind, id FROM sync_outbox ORDER BY hlc').all() as { kind: string; id: string }[];

function addAttachmentAndPreset(db: Database): void {
  db.exec(`
    INSERT INTO attachments (id, media_type, kind, size, data, text, created_at)
      VALUES ('h1', 'text/plain', 'file', 2, x'6869', 'hi', 1);
    INSERT INTO presets (id, name, created_at, updated_at) VALUES ('p1', 'Terse', 1, 1);
  `);
}

describe('migration 020: attachments, presets and tombstones in sync', () => {
  it('queues the attachments and presets of a library that already syncs, after what was queued', () => {
    const old = openAt(tmp.dir, 19);
    old.exec(`INSERT INTO sync_device (one, device_id, hlc) VALUES (1, 'dev', 100)`);
    old.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 1)`);
    addAttachmentAndPreset(old);
    old.close();
    const db = openAt(tmp.dir, 20);
    expect(outbox(db)).toEqual([
      { kind: 'conversation', id: 'c' },
      { kind: 'attachment', id: 'h1' },
      { kind: 'preset', id: 'p1' },
    ]);
    // Clocks are past 2^53: read as BigInt, or equal-looking numbers hide distinct ticks.
    const hlcs = db
      .prepare('SELECT hlc FROM sync_outbox ORDER BY hlc')
      .pluck()
      .safeIntegers()
      .all() as bigint[];
    expect(new Set(hlcs).size).toBe(3);
    const clock = db.prepare('SELECT hlc FROM sync_device').pluck().safeIntegers().get() as bigint;
    expect(clock >= hlcs[2]!).toBe(true);
    db.close();
  });

  it('queues nothing in a library that does not sync', () => {
    const old = openAt(tmp.dir, 19);
    addAttachmentAndPreset(old);
    old.close();
    const db = openAt(tmp.dir, 20);
    expect(outbox(db)).toEqual([]);
    db.exec(`UPDATE presets SET name = 'Brief' WHERE id = 'p1'`);
    expect(outbox(db)).toEqual([]);
    db.close();
  });

  it('queues a new attachment, a preset edit and a preset deletion once sync is on', () => {
    const { db } = openDatabase({ file: `${tmp.dir}/spool.db` });
    expect(userVersion(db)).toBeGreaterThanOrEqual(20);
    db.exec(`INSERT INTO sync_device (one, device_id) VALUES (1, 'dev')`);
    addAttachmentAndPreset(db);
    expect(outbox(db)).toEqual([
      { kind: 'attachment', id: 'h1' },
      { kind: 'preset', id: 'p1' },
    ]);
    db.exec(`DELETE FROM sync_outbox`);
    db.exec(`DELETE FROM presets WHERE id = 'p1'`);
    expect(outbox(db)).toEqual([{ kind: 'preset', id: 'p1' }]);
    db.close();
  });

  it('keeps what sync already knew, as not deleted', () => {
    const old = openAt(tmp.dir, 19);
    old.exec(`INSERT INTO sync_known (kind, id, hlc, device) VALUES ('conversation', 'c', 5, 'other')`);
    old.close();
    const db = openAt(tmp.dir, 20);
    expect(db.prepare('SELECT kind, id, hlc, device, deleted FROM sync_known').all()).toEqual([
      { kind: 'conversation', id: 'c', hlc: 5, device: 'other', deleted: 0 },
    ]);
    db.close();
  });
});
