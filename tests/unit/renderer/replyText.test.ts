/**
 * A reply's text reaches a window once, as `stream.chunks`; `message.updated` says
 * only how the reply stands (no parts). Over a real core (temp SQLite file, the real
 * engine and writer), with a window whose events can be held back to force either
 * order at a reply's end: the final text is whole whichever arrives first, a
 * metadata update never wipes parts, and a reply the window never followed live is
 * still shown whole (replayed from its log).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../renderer/src/api/client';
import { bridgeTransport } from '../../../renderer/src/api/bridgeTransport';
import { createAppStores, type AppStores } from '../../../renderer/src/stores';
import type { ApiEventMessage, ApiEventName } from '../../../shared/api/events';
import type { Chunk } from '../../../shared/chunks';
import { openCore, until } from './helpers';
import { checkEvent, checkReply } from '../../helpers/contractCheck';

type Store<S> = { getState(): S; subscribe(fn: () => void): () => void };
const when = <S>(store: Store<S>, ok: (s: S) => boolean) =>
  until((fn) => store.subscribe(fn), store.getState, ok);

const textOf = (parts: readonly { type: string; text?: string }[] | undefined) =>
  (parts ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');
const words = (from: number, to: number): Chunk[] =>
  Array.from({ length: to - from }, (_, i) => ({ type: 'text-delta', id: 't', delta: `w${from + i} ` }));
const textOfWords = (to: number) => Array.from({ length: to }, (_, i) => `w${i} `).join('');
const OPENING: Chunk[] = [{ type: 'start' }, { type: 'start-step' }, { type: 'text-start', id: 't' }];

/** A window's client whose events of one kind can be held back, then let through in order. */
function gatedWindow(core: ReturnType<typeof openCore>['core']) {
  const listeners = new Set<(e: ApiEventMessage) => void>();
  const held: ApiEventMessage[] = [];
  let holding: ApiEventName | null = null;
  let dropping: ApiEventName | null = null;
  const session = core.connect((event) => {
    checkEvent(event);
    if (event.name === dropping) return;
    if (event.name === holding) held.push(event);
    else listeners.forEach((l) => l(event));
  });
  const client = new ApiClient(
    bridgeTransport({
      call: async (channel, payload) => {
        const result = await session.callUntrusted(channel, payload);
        checkReply(channel, result);
        return result;
      },
      on: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    }),
  );
  return {
    client,
    hold: (name: ApiEventName) => (holding = name),
    drop: (name: ApiEventName | null) => (dropping = name),
    release() {
      holding = null;
      for (const event of held.splice(0)) listeners.forEach((l) => l(event));
    },
  };
}

describe('a reply streamed into a window', () => {
  let opened: ReturnType<typeof openCore>;
  let window: ReturnType<typeof gatedWindow>;
  let stores: AppStores;

  beforeEach(async () => {
    opened = openCore();
    window = gatedWindow(opened.core);
    stores = createAppStores(window.client);
    await stores.start();
  });
  afterEach(() => opened.close());

  /** A reply already streaming (10 words) when the window opens its conversation. */
  async function replyOnScreen() {
    const { core } = opened;
    const conversation = core.conversations.create('t');
    const message = core.messages.insert({
      conversationId: conversation.id,
      role: 'assistant',
      status: 'streaming',
    });
    const handle = core.engine.start({ messageId: message.id });
    for (const chunk of [...OPENING, ...words(0, 10)]) await handle.append(chunk);
    core.engine.flush();
    stores.conversations.getState().select(conversation.id);
    await when(
      stores.streams.store,
      () => textOf(stores.streams.snapshotOf(message.id)?.parts) === textOfWords(10),
    );
    return { messageId: message.id, handle };
  }

  const shown = (id: string) => stores.messages.getState().messages.find((m) => m.id === id);

  it('keeps its final text whole when the end arrives before its last chunks', async () => {
    const { messageId, handle } = await replyOnScreen();
    window.hold('stream.chunks');
    for (const chunk of words(10, 40)) await handle.append(chunk);
    await handle.complete('stop');
    opened.core.engine.flush();
    await when(stores.messages, () => shown(messageId)?.status === 'complete');

    // The end is known, the last chunks are not: what was on screen stays, still followed.
    expect(textOf(shown(messageId)!.parts)).toBe(textOfWords(10));
    expect(stores.streams.store.getState().byMessage[messageId]).toBe(handle.id);

    window.release();
    await when(stores.streams.store, (s) => s.byMessage[messageId] === undefined);
    expect(textOf(shown(messageId)!.parts)).toBe(textOfWords(40));
    expect(stores.messages.getState().partsBehind).toEqual({});
  });

  it('keeps its final text whole when its last chunks arrive before the end', async () => {
    const { messageId, handle } = await replyOnScreen();
    window.hold('message.updated');
    for (const chunk of words(10, 40)) await handle.append(chunk);
    await handle.complete('stop');
    opened.core.engine.flush();
    await when(stores.streams.store, () => stores.streams.snapshotOf(messageId)?.status === 'complete');
    expect(shown(messageId)!.status).toBe('streaming');

    window.release();
    expect(shown(messageId)!.status).toBe('complete');
    expect(textOf(shown(messageId)!.parts)).toBe(textOfWords(40));
    await when(stores.streams.store, (s) => s.byMessage[messageId] === undefined);
  });

  it('shows whole a reply another window started, from its stream replayed from the start', async () => {
    const conversation = opened.core.conversations.create('t');
    stores.conversations.getState().select(conversation.id);
    await when(stores.messages, (s) => s.conversationId === conversation.id && !s.loading);

    const message = opened.core.messages.insert({
      conversationId: conversation.id,
      role: 'assistant',
      status: 'streaming',
    });
    const handle = opened.core.engine.start({ messageId: message.id });
    for (const chunk of [...OPENING, ...words(0, 25)]) await handle.append(chunk);
    await handle.complete('stop');
    opened.core.engine.flush();

    await when(stores.messages, () => shown(message.id)?.status === 'complete');
    await when(stores.messages, () => textOf(shown(message.id)?.parts) === textOfWords(25));
    await when(stores.streams.store, (s) => s.byMessage[message.id] === undefined);
  });

  it('shows whole a reply whose chunks never reached the window, told only that it ended', async () => {
    const conversation = opened.core.conversations.create('t');
    stores.conversations.getState().select(conversation.id);
    await when(stores.messages, (s) => s.conversationId === conversation.id && !s.loading);

    window.hold('message.updated');
    const message = opened.core.messages.insert({
      conversationId: conversation.id,
      role: 'assistant',
      status: 'streaming',
    });
    const handle = opened.core.engine.start({ messageId: message.id });
    for (const chunk of [...OPENING, ...words(0, 25)]) await handle.append(chunk);
    await handle.complete('stop');
    opened.core.engine.flush();
    // Only the last update gets through: the window learns of the reply as it ends.
    window.drop('message.updated');
    window.release();
    window.drop(null);
    opened.core.broadcast('message.updated', {
      message: withoutParts(opened.core.messages.get(message.id)),
    });

    await when(stores.messages, () => textOf(shown(message.id)?.parts) === textOfWords(25));
    expect(shown(message.id)!.status).toBe('complete');
    await when(stores.streams.store, (s) => s.byMessage[message.id] === undefined);
  });
});

function withoutParts<T extends { parts: unknown }>(message: T): Omit<T, 'parts'> {
  const { parts: _parts, ...meta } = message;
  return meta;
}
