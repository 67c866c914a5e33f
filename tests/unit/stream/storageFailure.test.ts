import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import type { MessageMeta } from '../../../shared/api/events';
import type { Message } from '../../../shared/api/schemas/messages';
import type { ChunkItem } from '../../../shared/chunks';
import { MessageWriter } from '../../../electron/core/stream/MessageWriter';
import { cleanupAll, delta, loggedSeqs, newEngine, onCleanup, range, tempDb } from './helpers';
import { waitFor } from '../../helpers/waitFor';

afterEach(cleanupAll);

function setup(options: { maxPendingChunks?: number } = {}) {
  const t = tempDb();
  const engine = newEngine(t, { commitBusyTimeoutMs: 10, retryInitialMs: 2, retryMaxMs: 20, ...options });
  const events: MessageMeta[] = [];
  const writer = new MessageWriter({ messages: t.messages, clock: t.clock, onUpdate: (m) => events.push(m) });
  onCleanup(() => writer.close());
  engine.addListener(writer);
  t.messages.setLiveView(writer);
  const messageId = t.newMessage();
  const stream = engine.start({ messageId });
  const live: { item: ChunkItem; durable: boolean }[] = [];
  engine.subscribe(stream.id, -1, (items, info) => {
    for (const item of items) live.push({ item, durable: info.durable });
  });
  return { t, engine, writer, events, messageId, stream, live };
}

const text = (m: Message) => m.parts.map((p) => ('text' in p ? p.text : '')).join('');

describe('§3.10 storage failure', () => {
  test('§3.10 SQLITE_FULL: the reply keeps streaming live, shows "not saved", and lands with no gap once space returns', async () => {
    const { t, engine, events, messageId, stream, live } = setup();
    stream.append({ type: 'text-start', id: 't1' });
    stream.append(delta('saved '));
    await waitFor(() => live.length === 2);
    const pages = t.db.pragma('page_count', { simple: true }) as number;
    t.db.pragma(`max_page_count = ${pages}`);
    const big = 'z'.repeat(3000);
    let n = 2;
    while (engine.storageFault === null) {
      stream.append(delta(big));
      n++;
      await waitFor(() => live.length === n || engine.storageFault !== null, 'commit or failure');
    }
    expect(engine.storageFault.code).toBe('SQLITE_FULL');
    // Still live: more chunks reach the subscriber, marked not durable.
    for (let i = 0; i < 5; i++) stream.append(delta(`live${i} `));
    n += 5;
    await waitFor(() => live.length === n, 'live delivery while failing');
    expect(live.slice(-5).every((l) => !l.durable)).toBe(true);
    // "Not being saved" is said once, at once; the text shown goes on arriving as chunks.
    const unsaved = events.at(-1)!;
    expect(unsaved).toMatchObject({ id: messageId, unsaved: true, status: 'streaming' });
    expect(unsaved.error?.message).toContain('SQLITE_FULL');
    expect(events.filter((e) => e.unsaved)).toHaveLength(1);
    // Export from memory: the tail holds exactly what is not in the log.
    const logged = loggedSeqs(t.db, stream.id);
    expect(engine.readTail(stream.id).map((c) => c.seq)).toEqual(range(logged.length, n));
    expect(t.messages.get(messageId).unsaved).toBe(true);

    t.db.pragma('max_page_count = 1073741823');
    await waitFor(() => engine.storageFault === null, 'recovery');
    stream.complete();
    await waitFor(() => events.at(-1)?.status === 'complete', 'complete event');
    expect(loggedSeqs(t.db, stream.id)).toEqual(range(0, n + 1));
    expect(live.map((l) => l.item.seq)).toEqual(range(0, n + 1));
    const saved = t.messages.findStored(messageId)!;
    expect(saved.status).toBe('complete');
    expect(text(saved)).toContain('live4');
    expect(events.at(-1)).toMatchObject({ unsaved: false, error: null, snapshotSeq: n });
    expect(
      events.some(
        (e) => e.unsaved === false && e.status === 'streaming' && events.indexOf(e) > events.indexOf(unsaved),
      ),
    ).toBe(true);
  });

  test('§3.10 SQLITE_BUSY past the timeout: live delivery goes on, and the chunks land once the lock is released', async () => {
    const { t, engine, events, messageId, stream, live } = setup();
    stream.append(delta('a'));
    await waitFor(() => live.length === 1);
    const other = new BetterSqlite3(t.file);
    onCleanup(() => other.open && other.close());
    other.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < 20; i++) stream.append(delta(`b${i}`));
    await waitFor(() => live.length === 21, 'live while locked');
    expect(engine.storageFault?.code).toMatch(/^SQLITE_BUSY/);
    expect(live.slice(1).every((l) => !l.durable)).toBe(true);
    expect(events.at(-1)).toMatchObject({ unsaved: true });
    expect(events.at(-1)!.error!.message).toContain('SQLITE_BUSY');
    expect(loggedSeqs(t.db, stream.id)).toEqual([0]);
    other.exec('COMMIT');
    other.close();
    await waitFor(() => engine.storageFault === null, 'recovery');
    expect(loggedSeqs(t.db, stream.id)).toEqual(range(0, 21));
    expect(events.at(-1)).toMatchObject({ unsaved: false, error: null });
    expect(t.messages.get(messageId).unsaved).toBe(false);
    // No duplicate: committing after the failure did not re-deliver what was shown live.
    expect(live.map((l) => l.item.seq)).toEqual(range(0, 21));
  });

  test('§3.10 a subscriber joining while storage fails gets the log and then the in-memory tail, with no gap', async () => {
    const { t, engine, stream, live } = setup();
    stream.append(delta('a'));
    await waitFor(() => live.length === 1);
    const other = new BetterSqlite3(t.file);
    onCleanup(() => other.open && other.close());
    other.exec('BEGIN IMMEDIATE');
    for (let i = 0; i < 5; i++) stream.append(delta(`${i}`));
    await waitFor(() => live.length === 6);
    const late: { seq: number; durable: boolean }[] = [];
    engine.subscribe(stream.id, -1, (items, info) => {
      for (const i of items) late.push({ seq: i.seq, durable: info.durable });
    });
    await waitFor(() => late.length === 6);
    expect(late).toEqual([{ seq: 0, durable: true }, ...range(1, 6).map((seq) => ({ seq, durable: false }))]);
    other.exec('COMMIT');
    stream.append(delta('after'));
    await waitFor(() => late.length === 7);
    expect(late.map((l) => l.seq)).toEqual(range(0, 7));
  });

  test('§3.10 while storage fails the bounded tail applies backpressure, and nothing is lost', async () => {
    const { t, engine, stream, live } = setup({ maxPendingChunks: 20 });
    const other = new BetterSqlite3(t.file);
    onCleanup(() => other.open && other.close());
    other.exec('BEGIN IMMEDIATE');
    let produced = 0;
    let maxPending = 0;
    const producer = (async () => {
      for (; produced < 200; produced++) {
        const room = stream.append(delta(`${produced}`));
        maxPending = Math.max(maxPending, engine.log.pendingChunks);
        if (room) await room;
      }
    })();
    await waitFor(() => engine.storageFault !== null && engine.log.pendingChunks === 20, 'tail full');
    expect(produced).toBeLessThan(200);
    other.exec('COMMIT');
    await producer;
    await waitFor(() => engine.log.pendingChunks === 0 && engine.storageFault === null);
    expect(maxPending).toBeLessThanOrEqual(20);
    expect(loggedSeqs(t.db, stream.id)).toEqual(range(0, 200));
    expect(live.map((l) => l.item.seq)).toEqual(range(0, 200));
  });
});
