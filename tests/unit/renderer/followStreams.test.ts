/**
 * The app stores following replies live, over a real core that streams from the real
 * fake provider: what the stream store shows while a reply streams is a prefix of the
 * stored reply, a window opened mid-reply picks it up on top of the stored parts, and
 * an ended reply is let go.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppStores, type AppStores } from '../../../renderer/src/stores';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { bridgeClient, openCore, until } from './helpers';

type Store<S> = { getState(): S; subscribe(fn: () => void): () => void };
const when = <S>(store: Store<S>, ok: (s: S) => boolean) =>
  until((fn) => store.subscribe(fn), store.getState, ok);

const REPLY = Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ');
const textOf = (parts: { type: string; text?: string }[] | undefined) =>
  (parts ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');

describe('following streaming replies', () => {
  let opened: ReturnType<typeof openCore>;
  let fake: FakeProvider;
  let stores: AppStores;

  beforeEach(async () => {
    fake = await startFakeProvider({ tokensPerSecond: 60 });
    fake.setScript(`script:hello?text=${encodeURIComponent(REPLY)}`);
    opened = openCore();
    stores = createAppStores(bridgeClient(opened.core));
    await stores.start();
    await stores.providers
      .getState()
      .save(
        { kind: 'openai-compatible', name: 'Fake', baseUrl: `${fake.url}/v1`, defaultModel: 'fake-chat' },
        'k',
      );
  });
  afterEach(async () => {
    await opened.close();
    await fake.close();
  });

  async function sendInNewChat(s: AppStores): Promise<string> {
    const chat = await s.conversations.getState().create();
    await s.chat.getState().send(chat!.id, 'hi', crypto.randomUUID());
    return s.messages.getState().messages.find((m) => m.role === 'assistant')!.id;
  }

  it('a sent reply is followed live, every live text a prefix of the final one, and let go when it ends', async () => {
    const seen: string[] = [];
    stores.streams.store.subscribe(() => {
      for (const t of Object.values(stores.streams.store.getState().streams))
        seen.push(textOf(t.snapshot.parts));
    });
    const replyId = await sendInNewChat(stores);
    expect(stores.streams.store.getState().byMessage[replyId]).toBeDefined();

    await when(stores.messages, (s) => s.messages.some((m) => m.id === replyId && m.status === 'complete'));
    const final = textOf(stores.messages.getState().messages.find((m) => m.id === replyId)!.parts);
    expect(final).toBe(REPLY);
    expect(seen.some((t) => t.length > 0)).toBe(true);
    for (const t of seen) expect(REPLY.startsWith(t)).toBe(true);
    await when(stores.streams.store, (s) => s.byMessage[replyId] === undefined);
  });

  it('a second window opened mid-reply follows it on top of the stored parts and ends with the same text', async () => {
    const replyId = await sendInNewChat(stores);
    await when(stores.streams.store, () => textOf(stores.streams.snapshotOf(replyId)?.parts).length > 10);

    const other = createAppStores(bridgeClient(opened.core));
    await other.start();
    // Watching from before it selects the chat: on a loaded machine the reply may end
    // between the window starting to follow it and a later subscription.
    const texts: string[] = [];
    other.streams.store.subscribe(() => texts.push(textOf(other.streams.snapshotOf(replyId)?.parts)));
    other.conversations.getState().select(stores.conversations.getState().selectedId);

    // Ended, and its parts caught up with the end: `message.updated` may come before the last chunks.
    await when(
      other.messages,
      (s) =>
        s.messages.some((m) => m.id === replyId && m.status === 'complete') && !(replyId in s.partsBehind),
    );
    for (const t of texts) expect(REPLY.startsWith(t)).toBe(true);
    const shown = other.messages.getState().messages.find((m) => m.id === replyId)!;
    expect(textOf(shown.parts)).toBe(REPLY);
  });

  it('after Stop, Continue follows the new stream on top of the partial text', async () => {
    const replyId = await sendInNewChat(stores);
    await when(stores.streams.store, () => textOf(stores.streams.snapshotOf(replyId)?.parts).length > 10);
    await stores.chat.getState().stop(replyId);
    await when(stores.messages, (s) => s.messages.some((m) => m.id === replyId && m.status === 'cancelled'));
    const partial = textOf(stores.messages.getState().messages.find((m) => m.id === replyId)!.parts);

    fake.setScript(`script:hello?text=${encodeURIComponent(REPLY.slice(partial.length))}`);
    await stores.chat.getState().continueReply(replyId);
    const live: string[] = [];
    stores.streams.store.subscribe(() => live.push(textOf(stores.streams.snapshotOf(replyId)?.parts)));
    await when(stores.messages, (s) => s.messages.some((m) => m.id === replyId && m.status === 'complete'));

    for (const t of live.filter((x) => x !== '')) expect(t.startsWith(partial)).toBe(true);
    expect(textOf(stores.messages.getState().messages.find((m) => m.id === replyId)!.parts)).toBe(REPLY);
  });
});
