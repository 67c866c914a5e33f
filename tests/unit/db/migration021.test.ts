import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeRawDelta } from '../../../electron/core/stream/rawDelta';
import { makeTempDir } from '../../helpers/tempDir';
import { openAt } from './migrationSteps';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

const event = (content: string) =>
  `{"type":"raw","value":{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"choices":[{"delta":{"content":"${content}"}}]}}`;
const payloads = (db: Database) =>
  db.prepare("SELECT payload FROM chunks WHERE stream_id = 's' ORDER BY seq").pluck().all();

describe('migration 021: raw events stored as deltas', () => {
  it('keeps every chunk of an older library as it was, and the chunks view decodes a delta row', () => {
    const before = openAt(tmp.dir, 20);
    before.exec(`
      INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'T', 1, 1);
      INSERT INTO messages (id, conversation_id, role, parts, status, created_at, updated_at) VALUES
        ('a', 'c', 'assistant', '[]', 'complete', 1, 1);
      INSERT INTO streams (id, message_id, status, started_at, last_seq) VALUES ('s', 'a', 'complete', 1, 1);
    `);
    const insert = before.prepare(
      "INSERT INTO chunks (stream_id, seq, part, t_ms, type, payload) VALUES ('s', ?, 0, ?, 'raw', ?)",
    );
    insert.run(0, 0, event('Hello'));
    insert.run(1, 5, event(' world 🌍'));
    const old = payloads(before);
    before.close();

    const db = openAt(tmp.dir, 21);
    expect(payloads(db)).toEqual(old);
    // A row as the chunk log now writes it: a delta against the last raw row stored whole.
    const key = db
      .prepare('SELECT payload FROM chunk_rows ORDER BY key DESC LIMIT 1')
      .pluck()
      .get() as string;
    const delta = encodeRawDelta(key, event(', and more 🎉'))!;
    expect(delta).not.toBeNull();
    db.prepare(
      "INSERT INTO chunk_rows (key, seq, part, t_ms, type, payload) SELECT MAX(key) + 1, 2, 0, 9, 'raw', ? FROM chunk_rows",
    ).run(delta);
    expect(payloads(db)).toEqual([...old, event(', and more 🎉')]);
    // The view's triggers came back with it: a stream's rows still go with the stream.
    db.exec("DELETE FROM streams WHERE id = 's'");
    expect(db.prepare('SELECT COUNT(*) FROM chunk_rows').pluck().get()).toBe(0);
    db.close();
  });
});
