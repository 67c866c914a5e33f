import { afterEach, expect, test } from 'vitest';
import { compactFinishedStreams } from '../../../electron/core/stream/compact';
import { recover } from '../../../electron/core/stream/recover';
import { cleanupAll, delta, newEngine, tempDb } from './helpers';

afterEach(cleanupAll);

const DAY = 86_400_000;

test('§3.11 raw events of streams finished longer ago than the retention are compacted; interrupted and errored streams never are', () => {
  const t = tempDb();
  const engine = newEngine(t);
  const ends = {
    complete: (s: ReturnType<typeof engine.start>) => s.complete(),
    error: (s: ReturnType<typeof engine.start>) => s.fail({ code: 'provider', message: 'x' }),
    interrupted: (s: ReturnType<typeof engine.start>) => s.interrupt(),
  };
  const ids: Record<string, string> = {};
  for (const [name, end] of Object.entries(ends)) {
    const s = engine.start({ messageId: t.newMessage() });
    s.append({ type: 'raw', value: { big: 'x'.repeat(2000) } });
    s.append({ type: 'text-start', id: 't1' });
    s.append(delta('kept'));
    end(s);
    ids[name] = s.id;
  }
  engine.flush();
  const rawPayload = t.db.prepare("SELECT payload FROM chunks WHERE stream_id = ? AND type = 'raw'").pluck();

  // Not old enough yet: nothing changes.
  expect(compactFinishedStreams(t.db, { now: t.clock.now() + 29 * DAY, retentionMs: 30 * DAY })).toEqual({
    streamsCompacted: 0,
  });
  expect(compactFinishedStreams(t.db, { now: t.clock.now() + 31 * DAY, retentionMs: 30 * DAY })).toEqual({
    streamsCompacted: 1,
  });
  expect(rawPayload.get(ids.complete!)).toBe('{"type":"raw"}');
  expect(rawPayload.get(ids.error!)).toContain('xxxx');
  expect(rawPayload.get(ids.interrupted!)).toContain('xxxx');
  // Seqs stay contiguous and the text is still in the log: replay and rebuild still work.
  expect(engine.read(ids.complete!, -1, 10).map((c) => c.seq)).toEqual([0, 1, 2, 3]);
  const messageId = t.db
    .prepare('SELECT message_id FROM streams WHERE id = ?')
    .pluck()
    .get(ids.complete!) as string;
  recover({ db: t.db, clock: t.clock, isOwnerAlive: () => true });
  expect(t.messages.findStored(messageId)!.parts).toEqual([
    { type: 'text', text: 'kept', state: 'streaming' },
  ]);
});
