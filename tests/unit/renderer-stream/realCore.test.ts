/**
 * The stream store against the REAL core (SpoolCore on a temp SQLite file, the real
 * engine and `streams.subscribe` handler): a reloaded window shows exactly the same
 * reply, whether it replays from -1 or resumes on the stored snapshot, and a lost
 * event batch is healed by a replay.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import type { ApiChannel, ApiReply } from '../../../shared/api/contract';
import type { ApiEvents } from '../../../shared/api/events';
import type { Message } from '../../../shared/api/schemas/messages';
import type { Chunk } from '../../../shared/chunks';
import { applyChunks, emptySnapshot } from '../../../shared/reduce';
import {
  createStreamStore,
  type StreamApi,
  type StreamStore,
} from '../../../renderer/src/stream/streamStore';
import { textOf } from './fakeMain';
import { waitFor } from '../../helpers/waitFor';
import { makeTempDir } from '../../helpers/tempDir';
import { checkEvent, checkReply } from '../../helpers/contractCheck';

const opened: SpoolCore[] = [];
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
});

function openCore(): SpoolCore {
  const core = SpoolCore.open({
    dataDir: makeTempDir('spool-rstream-').dir,
    mode: 'test',
    log: () => {},
    // A commit per turn, so "the third batch" is one in the middle of a reply (with the
    // app's 40 ms window a short reply is three batches and the third is its end).
    engine: { commitWindowMs: 0 },
  });
  opened.push(core);
  return core;
}

/** One window: a core client adapted to the store's API, with an optional event filter. */
function openWindow(core: SpoolCore, dropBatch: (n: number) => boolean = () => false) {
  const handlers = new Set<(payload: ApiEvents['stream.chunks']) => void>();
  let batches = 0;
  const subscribes: { streamId: string; afterSeq: number }[] = [];
  const client = core.connect((event) => {
    checkEvent(event);
    if (event.name !== 'stream.chunks' || dropBatch(batches++)) return;
    for (const h of handlers) h(event.payload);
  });
  const api: StreamApi = {
    async call<C extends ApiChannel>(channel: C, request: unknown) {
      if (channel === 'streams.subscribe') subscribes.push(request as (typeof subscribes)[number]);
      const result = await client.callUntrusted(channel, request);
      checkReply(channel, result);
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.data as ApiReply<C>;
    },
    on: (_name, handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
  };
  const streams = createStreamStore(api);
  return {
    client,
    streams,
    subscribes,
    close() {
      streams.dispose();
      client.dispose();
    },
  };
}

function startReply(core: SpoolCore) {
  const conversation = core.conversations.create('t');
  const message = core.messages.insert({
    conversationId: conversation.id,
    role: 'assistant',
    status: 'streaming',
  });
  return { conversation, message, handle: core.engine.start({ messageId: message.id }) };
}

/** Appends chunks a few per event-loop turn, so they commit in several batches. */
async function stream(handle: { append(c: Chunk): void | Promise<void> }, chunks: Chunk[]): Promise<void> {
  for (let i = 0; i < chunks.length; i++) {
    await handle.append(chunks[i] as Chunk);
    if (i % 3 === 2) await new Promise((r) => setImmediate(r));
  }
}

const deltas = (n: number, id = 't'): Chunk[] =>
  Array.from({ length: n }, (_, i): Chunk => ({ type: 'text-delta', id, delta: `word${i} ` }));

function loggedSnapshot(core: SpoolCore, streamId: string) {
  return applyChunks(
    emptySnapshot(),
    core.engine.read(streamId, -1, 1_000_000).map((c) => c.chunk),
  );
}

const lastSeqOf = (s: StreamStore, streamId: string) => s.store.getState().streams[streamId]?.lastSeq ?? -2;

describe('the stream store on the real core', () => {
  it('shows exactly the same reply after a reload, replaying from -1 or resuming on the stored snapshot', async () => {
    const core = openCore();
    const { conversation, message, handle } = startReply(core);

    const first = openWindow(core);
    await first.streams.track(handle.id, message.id);
    await stream(handle, [
      { type: 'start' },
      { type: 'start-step' },
      { type: 'text-start', id: 't' },
      ...deltas(30),
    ]);
    await waitFor(() => lastSeqOf(first.streams, handle.id) === 32);
    const seenBeforeReload = textOf(first.streams.snapshotOf(message.id)?.parts);
    first.close(); // the window reloads

    core.flushAll();
    const reloadedFromScratch = openWindow(core);
    const reloadedOnSnapshot = openWindow(core);
    const listed = await reloadedOnSnapshot.client.call('messages.list', { conversationId: conversation.id });
    const stored = (listed.ok ? (listed.data as Message[]) : []).find((m) => m.id === message.id) as Message;
    expect(stored.snapshotSeq).toBe(32); // flushAll wrote everything seen so far
    await reloadedFromScratch.streams.track(handle.id, message.id, -1);
    await reloadedOnSnapshot.streams.track(handle.id, message.id, stored.snapshotSeq, {
      parts: stored.parts,
      status: stored.status,
      error: stored.error,
    });

    await stream(handle, [
      ...deltas(20),
      { type: 'text-end', id: 't' },
      { type: 'tool-input-start', toolCallId: 'c1', toolName: 'search' },
      { type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '{"q":"sp' },
      { type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: 'ool"}' },
      { type: 'tool-input-available', toolCallId: 'c1', toolName: 'search', input: { q: 'spool' } },
      { type: 'tool-output-available', toolCallId: 'c1', output: ['hit'] },
      { type: 'finish-step' },
    ]);
    await handle.complete('stop');
    for (const w of [reloadedFromScratch, reloadedOnSnapshot])
      await waitFor(() => w.streams.snapshotOf(message.id)?.status === 'complete');

    const expected = loggedSnapshot(core, handle.id);
    expect(textOf(expected.parts).startsWith(seenBeforeReload)).toBe(true);
    expect(reloadedFromScratch.streams.snapshotOf(message.id)).toEqual(expected);
    expect(reloadedOnSnapshot.streams.snapshotOf(message.id)).toEqual(expected);
    reloadedFromScratch.close();
    reloadedOnSnapshot.close();
  });

  it('heals a lost event batch with one replay from the real engine', async () => {
    const core = openCore();
    const { message, handle } = startReply(core);
    const window = openWindow(core, (n) => n === 2); // the third batch never arrives
    await window.streams.track(handle.id, message.id);
    await stream(handle, [{ type: 'text-start', id: 't' }, ...deltas(40)]);
    await handle.complete();
    await waitFor(() => window.streams.snapshotOf(message.id)?.status === 'complete');
    expect(window.streams.snapshotOf(message.id)).toEqual(loggedSnapshot(core, handle.id));
    expect(window.subscribes).toHaveLength(2);
    expect(window.subscribes[1]?.afterSeq).toBeGreaterThanOrEqual(0);
    window.close();
  });

  it('keeps two replies streaming side by side apart', async () => {
    const core = openCore();
    const a = startReply(core);
    const b = startReply(core);
    const window = openWindow(core);
    await window.streams.track(a.handle.id, a.message.id);
    await window.streams.track(b.handle.id, b.message.id);
    await Promise.all([
      stream(a.handle, [{ type: 'text-start', id: 't' }, ...deltas(25, 't')]),
      stream(b.handle, [
        { type: 'reasoning-start', id: 'r' },
        { type: 'reasoning-delta', id: 'r', delta: 'hmm' },
        { type: 'reasoning-end', id: 'r' },
        { type: 'text-start', id: 'x' },
        ...deltas(15, 'x'),
      ]),
    ]);
    await a.handle.complete();
    await b.handle.fail({ code: 'provider', message: 'overloaded' });
    await waitFor(() => window.streams.snapshotOf(b.message.id)?.status === 'error');
    await waitFor(() => window.streams.snapshotOf(a.message.id)?.status === 'complete');
    expect(window.streams.snapshotOf(a.message.id)).toEqual(loggedSnapshot(core, a.handle.id));
    expect(window.streams.snapshotOf(b.message.id)).toEqual(loggedSnapshot(core, b.handle.id));
    window.close();
  });
});
