import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userVersion } from '../../../electron/core/db/openDatabase';
import { ConversationStore } from '../../../electron/core/store/ConversationStore';
import { makeTempDir } from '../../helpers/tempDir';
import { openAt, openLatest } from './migrationSteps';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

describe('migration 014: reply parameters per conversation', () => {
  it('gives every existing conversation no parameters, so each is the provider’s default', () => {
    const old = openAt(tmp.dir, 13);
    old.exec(`INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 1)`);
    old.close();
    // Through every later migration too: the store is today's, and reads today's columns.
    const db = openLatest(tmp.dir);
    expect(userVersion(db)).toBeGreaterThanOrEqual(14);
    const store = new ConversationStore(db, { now: () => 5 }, () => 'id');
    expect(store.get('c').params).toEqual({});
    expect(store.setParams('c', { temperature: 0.2 }).params).toEqual({ temperature: 0.2 });
    db.close();
  });

  it('reads parameters that no longer validate as none rather than failing', () => {
    const db = openLatest(tmp.dir);
    db.exec(`INSERT INTO conversations (id, title, created_at, updated_at, params)
             VALUES ('c', 'Odd', 1, 1, '{"temperature": 9}'), ('d', 'Bad', 1, 1, 'not json')`);
    const store = new ConversationStore(db, { now: () => 5 }, () => 'id');
    expect(store.get('c').params).toEqual({});
    expect(store.get('d').params).toEqual({});
    db.close();
  });
});
