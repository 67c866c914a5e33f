import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/openDatabase';
import { WalCheckpointer } from '../../../electron/core/db/WalCheckpointer';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { BusyTimeout } from '../../../electron/core/stream/storageErrors';
import { startFakeProvider } from '../../fake-provider/server';
import { makeTempDir } from '../../helpers/tempDir';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  tmp = makeTempDir('spool-wal-bound-');
});
afterEach(() => tmp.cleanup());

const walSize = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);

describe('a bounded WAL (issue 15)', () => {
  it(
    'stays under its bound while small commits go on back to back, and no commit fails for it',
    { timeout: 150_000 },
    async () => {
      const file = path.join(tmp.dir, 'spool.db');
      const { db } = openDatabase({ file });
      db.exec('CREATE TABLE log (x BLOB NOT NULL)');
      const bound = 1024 * 1024;
      const c = WalCheckpointer.start(db, {
        intervalMs: 5,
        passEveryMs: 50,
        restartAboveBytes: bound,
        log: () => {},
      });
      // As the chunk log commits: a short busy timeout, so a checkpoint holding the lock
      // for long would show up as a failed commit here.
      const busy = new BusyTimeout(db, 200);
      const insert = db.prepare('INSERT INTO log (x) VALUES (randomblob(600))');
      let walMax = 0;
      let failures = 0;
      let written = 0;
      // Until many times the bound has gone through the WAL (a cap in time only so a
      // broken checkpointer cannot hang the suite): counted, not timed, so load cannot fail it.
      const giveUpAt = Date.now() + 120_000;
      while (written <= 4 * bound && Date.now() < giveUpAt) {
        for (let i = 0; i < 5; i++) {
          try {
            busy.run(() => insert.run());
            written += 600;
          } catch {
            failures++;
          }
        }
        walMax = Math.max(walMax, walSize(file));
        // Commits back to back with a turn between them, as replies streaming at once do.
        await new Promise((r) => setTimeout(r, 1));
      }
      c.close();
      db.close();
      expect(failures).toBe(0);
      expect(c.checkpoints).toBeGreaterThan(0);
      // Many times the bound went through the WAL, yet it stayed near the bound: what
      // commits add between two looks of the worker on top of it.
      expect(written).toBeGreaterThan(3 * bound);
      expect(walMax).toBeLessThan(3 * bound);
    },
  );

  it('leaves no WAL behind when a SpoolCore that streamed replies closes cleanly', async () => {
    const fake = await startFakeProvider({ tokensPerSecond: 0 });
    try {
      const core = SpoolCore.open({ dataDir: tmp.dir, mode: 'test', env: {}, log: () => {} });
      const client = core.connect(() => {});
      const ok = async <T>(channel: string, payload: unknown): Promise<T> => {
        const r = await client.callUntrusted(channel, payload);
        if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
        return r.data as T;
      };
      const conversation = await ok<{ id: string }>('conversations.create', {});
      const provider = await ok<{ id: string }>('providers.save', {
        provider: {
          kind: 'openai-compatible',
          name: 'fake',
          baseUrl: `${fake.url}/v1`,
          defaultModel: 'script:long?tokens=200',
        },
      });
      for (let i = 0; i < 3; i++) {
        const sent = await ok<{ reply: { streamId: string } }>('chat.send', {
          conversationId: conversation.id,
          text: `reply ${i}`,
          providerId: provider.id,
        });
        while (core.engine.isLive(sent.reply.streamId)) await new Promise((r) => setTimeout(r, 10));
      }
      const file = path.join(tmp.dir, 'spool.db');
      expect(fs.existsSync(`${file}-wal`)).toBe(true);
      await core.close();
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
    } finally {
      await fake.close();
    }
  });
});
