/**
 * The stream inspector's figures follow a reply while it streams: `message.updated`
 * now says only that it started and ended, so the inspector also refreshes on the
 * chunks of the inspected message's streams (at most every 500 ms).
 */
import { afterEach, expect, it } from 'vitest';
import { createAppStores } from '../../../renderer/src/stores';
import { bridgeClient, openCore, until } from './helpers';

type Store<S> = { getState(): S; subscribe(fn: () => void): () => void };
const when = <S>(store: Store<S>, ok: (s: S) => boolean) =>
  until((fn) => store.subscribe(fn), store.getState, ok);

let opened: ReturnType<typeof openCore> | undefined;
afterEach(() => opened?.close());

it('the inspector of a streaming reply refreshes its chunk count as chunks arrive', async () => {
  opened = openCore();
  const { core } = opened;
  const stores = createAppStores(bridgeClient(core));
  await stores.start();
  const conversation = core.conversations.create('t');
  const message = core.messages.insert({
    conversationId: conversation.id,
    role: 'assistant',
    status: 'streaming',
  });
  const handle = core.engine.start({ messageId: message.id });
  await handle.append({ type: 'text-start', id: 't' });
  core.engine.flush();
  stores.conversations.getState().select(conversation.id);
  await when(stores.streams.store, (s) => s.byMessage[message.id] !== undefined);

  stores.inspector.getState().open(message.id);
  await when(stores.inspector, (s) => s.inspection?.streams[0]?.chunks === 1);
  for (let i = 0; i < 20; i++) await handle.append({ type: 'text-delta', id: 't', delta: `w${i} ` });
  core.engine.flush();

  const { inspection } = await when(stores.inspector, (s) => s.inspection?.streams[0]?.chunks === 21);
  expect(inspection!.streams[0]!.status).toBe('streaming');
  stores.inspector.getState().close();
});
