import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { messagesPerConversation, writeSyntheticExport } from '../../helpers/syntheticExport';
import { spool, startSpool, tempDir } from '../cli/helpers';
import { waitFor } from '../../helpers/waitFor';

const TURNS = 4;

/** Conversations in the library, each with its message count, read with plain SQL. */
function library(dataDir: string): { title: string; messages: number }[] {
  const db = new Database(path.join(dataDir, 'spool.db'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT c.title AS title, (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS messages
           FROM conversations c ORDER BY c.created_at`,
      )
      .all() as { title: string; messages: number }[];
  } finally {
    db.close();
  }
}

function importedSoFar(dataDir: string): number {
  try {
    const db = new Database(path.join(dataDir, 'spool.db'), { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT COUNT(*) FROM imported_conversations').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet, or migrating
  }
}

describe('an import killed with SIGKILL', () => {
  test('leaves only whole conversations, and running it again imports the rest exactly once', async () => {
    const dir = tempDir();
    const dataDir = path.join(dir, 'data');
    const synthetic = writeSyntheticExport(path.join(dir, 'conversations.json'), {
      conversations: 1200,
      turns: TURNS,
      textChars: 300,
    });

    const running = startSpool(['import', synthetic.file, '--data-dir', dataDir]);
    await waitFor(() => importedSoFar(dataDir) >= 100, 'the import to be under way', 60_000);
    running.child.kill('SIGKILL');
    const killed = await running.exited;
    expect(killed.signal).toBe('SIGKILL');

    const afterKill = library(dataDir);
    expect(afterKill.length).toBeGreaterThanOrEqual(100);
    expect(afterKill.length).toBeLessThan(synthetic.conversations);
    // Every conversation there is whole: one transaction each.
    expect(afterKill.filter((c) => c.messages !== messagesPerConversation(TURNS))).toEqual([]);

    const again = await spool(['import', synthetic.file, '--data-dir', dataDir, '--json']);
    expect(again.stderr).not.toMatch(/failed/);
    expect(again.code).toBe(0);
    const summary = JSON.parse(again.stdout.toString('utf8')) as {
      conversationsAdded: number;
      messagesAdded: number;
    };
    expect(summary.conversationsAdded).toBe(synthetic.conversations - afterKill.length);

    const final = library(dataDir);
    expect(final).toHaveLength(synthetic.conversations);
    expect(new Set(final.map((c) => c.title)).size).toBe(synthetic.conversations);
    expect(final.every((c) => c.messages === messagesPerConversation(TURNS))).toBe(true);
  }, 180_000);
});
