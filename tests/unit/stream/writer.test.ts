import { afterEach, describe, expect, test } from 'vitest';
import type { Message } from '../../../shared/api/schemas/messages';
import { MessageWriter } from '../../../electron/core/stream/MessageWriter';
import { cleanupAll, delta, newEngine, nextTurn, onCleanup, tempDb, until, type TestDb } from './helpers';

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

function setup(debounceMs: number) {
  const t = tempDb();
  const engine = newEngine(t);
  const events: Message[] = [];
  const writer = new MessageWriter({
    messages: t.messages,
    clock: t.clock,
    debounceMs,
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
    const { stream, writes, events } = setup(debounceMs);
    stream.append({ type: 'text-start', id: 't1' });
    for (let i = 0; i < 150; i++) {
      stream.append(delta(`${i} `));
      await new Promise((r) => setTimeout(r, 1));
    }
    await until(() => writes.length > 0 && writes.at(-1)!.seq === 150, 'last debounced write');
    expect(writes.length).toBeGreaterThan(1);
    for (let i = 1; i < writes.length; i++) {
      // setTimeout may fire up to ~1 ms early on the monotonic clock.
      expect(writes[i]!.at - writes[i - 1]!.at).toBeGreaterThanOrEqual(debounceMs - 2);
    }
    // Events are coalesced like the writes (plus the one at start).
    expect(events.length).toBeLessThanOrEqual(writes.length + 1);
    expect(text(events.at(-1))).toContain('149 ');
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
      expect(events.at(-1)!.snapshotSeq).toBe(3);
    },
  );

  test('§3.6 terminal updates are never dropped, even right after a debounced one', async () => {
    const { stream, events, writes } = setup(30);
    stream.append(delta('a'));
    await until(() => writes.length === 1);
    stream.append(delta('b'));
    stream.complete();
    await until(() => writes.length === 2);
    expect(events.at(-1)).toMatchObject({ status: 'complete', unsaved: false });
    expect(text(events.at(-1))).toBe('ab');
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
