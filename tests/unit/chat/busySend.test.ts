import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { settled, useChatFixture } from './helpers';
import { libraryDb } from '../../helpers/libraryDb';

const chat = useChatFixture();

/** Another process's connection holding the write lock (what the CLI or a second app does). */
function holdWriteLock(dataDir: string): { release(): void } {
  const other = new BetterSqlite3(path.join(dataDir, 'spool.db'));
  other.exec('BEGIN IMMEDIATE');
  return {
    release() {
      if (!other.open) return;
      other.exec('COMMIT');
      other.close();
    },
  };
}

describe('chat.send and a write lock held elsewhere', () => {
  it('waits out a short lock, with the event loop free, and sends', async () => {
    const lock = holdWriteLock(chat.dataDir);
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        lock.release();
        resolve();
      }, 400),
    );
    const sent = await chat.t.ok<{ reply: { message: { id: string } } }>('chat.send', {
      conversationId: chat.conversationId,
      text: 'hello',
    });
    await released;
    expect((await settled(chat.t.core, sent.reply.message.id)).status).toBe('complete');
  });

  it('answers a lock that stays with the typed STORAGE error, writing nothing', async () => {
    const lock = holdWriteLock(chat.dataDir);
    try {
      const result = await chat.t.call('chat.send', { conversationId: chat.conversationId, text: 'hello' });
      expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE' } });
      expect(JSON.stringify(result)).toContain('SQLITE_BUSY');
    } finally {
      lock.release();
    }
    expect(libraryDb(chat.t.core).prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
  });
});
