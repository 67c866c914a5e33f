import { afterEach, describe, expect, test, vi } from 'vitest';
import type { MessageMeta } from '../../../shared/api/events';
import type { Message } from '../../../shared/api/schemas/messages';
import { MessageWriter } from '../../../electron/core/stream/MessageWriter';
import { cleanupAll, delta, newEngine, nextTurn, onCleanup, tempDb, type TestDb } from './helpers';
import { waitFor } from '../../helpers/waitFor';

afterEach(cleanupAll);

/** Every UPDATE of a message row, seen by SQLite itself (a temp trigger), with its wall time. */
function watchUpdates(t: TestDb): { at: number; status: string; seq: number }[] {
  const writes: { at: number; status: string; seq: number }[] = [];
  t.db.function('spool_test_on_update', (status: unknown, seq: unknown) => {
    writes.push({ at: performance.now(), status: String(status), seq: Number(seq) });
    return null;
  });
  t.db.exec(`CREATE TEMP TRIGGER watch_message_updates AFTER UPDATE ON main.messages
             BEGIN SELECT spool_test_on_update(NEW.status, NEW.snapshot_seq); END`);
  return writes;
}

function setup(debounceMs: number, snapshotBytesPerSec?: number) {
  const t = tempDb();
  const engine = newEngine(t);
  const events: MessageMeta[] = [];
  const writer = new MessageWriter({
    messages: t.messages,
    clock: t.clock,
    debounceMs,
    ...(snapshotBytesPerSec ? { snapshotBytesPerSec } : {}),
    onUpdate: (m) => events.push(m),
  });
  onCleanup(() => writer.close());
  engine.addListener(writer);
  t.messages.setLiveView(writer);
  const messageId = t.newMessage();
  const writes = watchUpdates(t);
  const stream = engine.start({ messageId });
  writes.length = 0; // the start itself links the message; count the writer's writes only
  return { t, engine, writer, events, messageId, stream, writes };
}

const text = (m: Message | undefined) => (m?.parts ?? []).map((p) => ('text' in p ? p.text : '')).join('');

describe('§3.6 debounced writer', () => {
  test('§3.6 at most one write per message per debounceMs while chunks stream in', async () => {
    const debounceMs = 25;
    const { t, stream, writes, messageId } = setup(debounceMs);
    stream.append({ type: 'text-start', id: 't1' });
    for (let i = 0; i < 150; i++) {
      stream.append(delta(`${i} `));
      await new Promise((r) => setTimeout(r, 1));
    }
    await waitFor(() => writes.length > 0 && writes.at(-1)!.seq === 150, 'last debounced write');
    expect(writes.length).toBeGreaterThan(1);
    for (let i = 1; i < writes.length; i++) {
      // setTimeout may fire up to ~1 ms early on the monotonic clock.
      expect(writes[i]!.at - writes[i - 1]!.at).toBeGreaterThanOrEqual(debounceMs - 2);
    }
    expect(text(t.messages.findStored(messageId))).toContain('149 ');
  });

  test('§3.6 a long reply is written less often as it grows, by its size', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { engine, stream, writes } = setup(10, 1000); // 1 000 bytes/s: 2 000 bytes → 2 s
      stream.append({ type: 'text-start', id: 't1' });
      stream.append(delta('x'.repeat(2000)));
      engine.flush();
      vi.advanceTimersByTime(10);
      expect(writes).toHaveLength(1);
      stream.append(delta('more'));
      engine.flush();
      vi.advanceTimersByTime(1900);
      expect(writes).toHaveLength(1);
      vi.advanceTimersByTime(110);
      expect(writes.map((w) => w.seq)).toEqual([1, 2]);
    } finally {
      vi.useRealTimers();
    }
  });

  test("§3.6 a streaming reply's updates carry no parts and come only when its status changes", async () => {
    const { engine, stream, writes, events } = setup(0);
    stream.append({ type: 'text-start', id: 't1' });
    for (let batch = 0; batch < 30; batch++) {
      for (let i = 0; i < 10; i++) stream.append(delta(`${batch}.${i} `));
      engine.flush();
      await waitFor(() => writes.at(-1)?.seq === batch * 10 + 10, `the write of batch ${batch}`);
    }
    stream.complete();
    engine.flush();
    expect(writes).toHaveLength(31); // every batch's snapshot was written, and the final one...
    // ...and the windows heard twice: it started, it ended (seq 301: the finish chunk).
    expect(events.map((e) => [e.status, e.snapshotSeq])).toEqual([
      ['streaming', -1],
      ['complete', 301],
    ]);
    for (const e of events) expect(e).not.toHaveProperty('parts');
  });

  test.each([
    ['finish', { type: 'finish' }],
    ['error', { type: 'error', errorText: 'boom' }],
    ['abort', { type: 'abort' }],
    [
      'a tool call added',
      { type: 'tool-input-available', toolCallId: 'c1', toolName: 'search', input: { q: 1 } },
    ],
    ['a tool call finished', { type: 'tool-output-available', toolCallId: 'c1', output: 'done' }],
    ['reasoning finished', { type: 'reasoning-end', id: 'r1' }],
  ] as const)(
    '§3.6 a terminal change (%s) is written at once, in the turn it commits',
    async (_name, chunk) => {
      const { t, engine, stream, writes, events, messageId } = setup(60_000);
      stream.append({ type: 'reasoning-start', id: 'r1' });
      stream.append({ type: 'reasoning-delta', id: 'r1', delta: 'hmm' });
      stream.append(delta('hello'));
      engine.flush();
      expect(writes).toHaveLength(0); // the debounce window (60 s) has not passed
      let storedInSameTurn: Message | undefined;
      engine.addListener({ committed: () => void (storedInSameTurn = t.messages.findStored(messageId)) });
      stream.append(chunk as never);
      engine.flush();
      expect(writes).toHaveLength(1);
      expect(storedInSameTurn?.snapshotSeq).toBe(3);
      // A window hears of it only if the message's status changed (it folds the chunk itself).
      if (events.at(-1)!.status !== 'streaming') expect(events.at(-1)!.snapshotSeq).toBe(3);
      expect(events.at(-1)!.status).toBe(t.messages.findStored(messageId)!.status);
    },
  );

  test('§3.6 terminal updates are never dropped, even right after a debounced one', async () => {
    const { t, stream, events, writes, messageId } = setup(30);
    stream.append(delta('a'));
    await waitFor(() => writes.length === 1);
    stream.append(delta('b'));
    stream.complete();
    await waitFor(() => writes.length === 2);
    expect(events.at(-1)).toMatchObject({ status: 'complete', unsaved: false, snapshotSeq: 2 });
    expect(text(t.messages.findStored(messageId))).toBe('ab');
    expect(writes.at(-1)!.status).toBe('complete');
  });

  test('§3.6 flushAll writes every pending change now', async () => {
    const { t, engine, writer, stream, writes, messageId } = setup(60_000);
    stream.append(delta('pending text'));
    engine.flush();
    expect(writes).toHaveLength(0);
    writer.flushAll();
    expect(writes).toHaveLength(1);
    expect(text(t.messages.findStored(messageId))).toBe('pending text');
  });

  test('§3.6 messages.list shows the in-memory snapshot up to the latest committed seq before any write', async () => {
    const { t, engine, stream, writes, messageId } = setup(60_000);
    stream.append(delta('committed'));
    engine.flush();
    stream.append(delta(' pending'));
    expect(writes).toHaveLength(0);
    const listed = t.messages.list(t.messages.findStored(messageId)!.conversationId)[0]!;
    expect(listed).toMatchObject({ snapshotSeq: 0, status: 'streaming', unsaved: false });
    expect(text(listed)).toBe('committed');
    expect(text(t.messages.findStored(messageId))).toBe('');
    await nextTurn();
  });

  test('§3.6 Continue folds the new stream onto the parts of the earlier one', async () => {
    const { t, engine, stream, messageId } = setup(0);
    stream.append({ type: 'text-start', id: 't1' });
    stream.append(delta('Hello'));
    stream.interrupt();
    engine.flush();
    const more = engine.start({ messageId });
    more.append(delta(' world', 't1'));
    more.complete();
    engine.flush();
    const saved = t.messages.findStored(messageId)!;
    expect(saved).toMatchObject({ status: 'complete', streamId: more.id, snapshotSeq: 1 });
    expect(text(saved)).toBe('Hello world');
  });

  test('§3.6 an interrupted stream leaves its message interrupted with no error', () => {
    const { t, engine, stream, messageId } = setup(60_000);
    stream.append(delta('partial'));
    stream.interrupt();
    engine.flush();
    expect(t.messages.findStored(messageId)).toMatchObject({ status: 'interrupted', error: null });
  });
});
