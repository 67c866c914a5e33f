import type { Database } from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openDatabase, userVersion } from '../../../electron/core/db/openDatabase';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;
beforeEach(() => {
  tmp = makeTempDir();
  file = path.join(tmp.dir, 'spool.db');
});
afterEach(() => tmp.cleanup());

const outbox = (db: Database) =>
  db.prepare('SELECT kind, id FROM sync_outbox ORDER BY hlc').all() as { kind: string; id: string }[];

describe('migration 017: sync bookkeeping', () => {
  it('keeps an existing library as it was, with nothing queued while sync is off', () => {
    const { db: old } = openDatabase({ file, migrations: MIGRATIONS.filter((m) => m.version < 17) });
    old.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 1)`);
    old.close();
    const { db } = openDatabase({ file, migrations: MIGRATIONS.filter((m) => m.version <= 17) });
    expect(userVersion(db)).toBe(17);
    db.exec(`UPDATE conversations SET title = 'Renamed' WHERE id = 'c'`);
    expect(db.prepare('SELECT title FROM conversations').pluck().get()).toBe('Renamed');
    expect(outbox(db)).toEqual([]);
    db.close();
  });

  it('queues each change once sync is on, with a clock that only moves forward', () => {
    const { db } = openDatabase({ file });
    db.exec(`INSERT INTO sync_device (one, device_id) VALUES (1, 'dev')`);
    db.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'New', 1, 1)`);
    const first = db.prepare('SELECT hlc FROM sync_outbox').pluck().safeIntegers().get() as bigint;
    db.exec(`UPDATE conversations SET title = 'Again' WHERE id = 'c'`);
    const second = db.prepare('SELECT hlc FROM sync_outbox').pluck().safeIntegers().get() as bigint;
    expect(outbox(db)).toEqual([{ kind: 'conversation', id: 'c' }]);
    expect(second).toBeGreaterThan(first);
    db.close();
  });

  it('does not echo rows that sync itself is applying', () => {
    const { db } = openDatabase({ file });
    db.exec(`INSERT INTO sync_device (one, device_id) VALUES (1, 'dev')`);
    db.exec(`INSERT INTO sync_applying (one) VALUES (1)`);
    db.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Pulled', 1, 1)`);
    db.exec(`DELETE FROM sync_applying`);
    expect(outbox(db)).toEqual([]);
    db.close();
  });
});
