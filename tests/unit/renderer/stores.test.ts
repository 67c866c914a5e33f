import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppStores, type AppStores } from '../../../renderer/src/stores';
import { upsertMessage } from '../../../renderer/src/stores/messages';
import type { Message } from '../../../shared/api/schemas/messages';
import { bridgeClient, openCore, RestartableHost, until } from './helpers';
import { messageFixture } from './messageFixture';

type Store<S> = { getState(): S; subscribe(fn: () => void): () => void };
const when = <S>(store: Store<S>, ok: (s: S) => boolean) =>
  until((fn) => store.subscribe(fn), store.getState, ok);

describe('the renderer stores, over a real core', () => {
  let opened: ReturnType<typeof openCore>;
  let stores: AppStores;

  beforeEach(async () => {
    opened = openCore();
    stores = createAppStores(bridgeClient(opened.core));
    await stores.start();
  });
  afterEach(() => opened.close());

  it('creating a conversation adds it to the list and selects it', async () => {
    const created = await stores.conversations.getState().create();
    const { conversations, selectedId } = stores.conversations.getState();
    expect(conversations.map((c) => c.id)).toEqual([created!.id]);
    expect(selectedId).toBe(created!.id);
  });

  it('renaming a conversation updates its title in the list', async () => {
    const created = await stores.conversations.getState().create();
    await stores.conversations.getState().rename(created!.id, 'Renamed');
    expect(stores.conversations.getState().conversations[0]!.title).toBe('Renamed');
  });

  it('deleting the selected conversation removes it and clears the selection', async () => {
    const created = await stores.conversations.getState().create();
    await stores.library.getState().remove(created!.id);
    stores.library.getState().dismissUndo();
    expect(stores.conversations.getState()).toMatchObject({ conversations: [], selectedId: null });
  });

  it('a conversation created by another client appears through its delta event', async () => {
    const other = bridgeClient(opened.core);
    await other.call('conversations.create', { title: 'From the CLI' });
    const state = await when(stores.conversations, (s) => s.conversations.length === 1);
    expect(state.conversations[0]!.title).toBe('From the CLI');
  });

  it('selecting a conversation shows its messages, and message.updated keeps them current', async () => {
    const chat = opened.core.conversations.create('With messages');
    opened.core.messages.insert({
      conversationId: chat.id,
      role: 'user',
      parts: [{ type: 'text', text: 'Hi' }],
    });
    const reply = opened.core.messages.insert({
      conversationId: chat.id,
      role: 'assistant',
      status: 'streaming',
      parts: [{ type: 'text', text: 'Hel' }],
    });
    stores.conversations.getState().select(chat.id);
    await when(stores.messages, (s) => s.messages.length === 2);

    const { parts: _parts, ...meta } = reply;
    opened.core.broadcast('message.updated', { message: { ...meta, status: 'complete' } });
    const { messages } = stores.messages.getState();
    expect(messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
  });

  it('a metadata-only update never wipes the parts a message already shows', async () => {
    const chat = opened.core.conversations.create('With a reply');
    const reply = opened.core.messages.insert({
      conversationId: chat.id,
      role: 'assistant',
      status: 'interrupted',
      parts: [{ type: 'text', text: 'Kept' }],
    });
    stores.conversations.getState().select(chat.id);
    await when(stores.messages, (s) => s.messages.length === 1);

    const { parts: _parts, ...meta } = reply;
    opened.core.broadcast('message.updated', {
      message: { ...meta, unsaved: true, error: { code: 'storage', message: 'Not being saved' } },
    });
    expect(stores.messages.getState().messages[0]).toMatchObject({
      unsaved: true,
      parts: [{ type: 'text', text: 'Kept' }],
    });
  });

  it('a failed call is reported as a toast, never silently', async () => {
    const ok = await stores.conversations.getState().rename('no-such-id', 'x');
    expect(ok).toBe(false);
    expect(stores.toasts.getState().toasts.map((t) => t.message)).toEqual([
      expect.stringMatching(/^Could not rename the conversation: /),
    ]);
  });

  it('choosing a theme saves it in the settings', async () => {
    await stores.app.getState().setTheme('dark');
    expect(stores.app.getState().settings?.theme).toBe('dark');
    expect(opened.core.settings.get().theme).toBe('dark');
  });
});

describe('the renderer stores, across a host restart', () => {
  it('the stores reload the conversation list once the socket is back', async () => {
    const opened = openCore();
    const host = new RestartableHost(opened.core);
    await host.start();
    const client = host.client();
    const stores = createAppStores(client);
    await stores.start();

    await host.stop();
    await when(stores.connection, (s) => s.status === 'reconnecting');
    // Written while the window could not hear about it: no event will ever say so.
    opened.core.conversations.create('Made while disconnected');
    await host.start();

    const state = await when(stores.conversations, (s) => s.conversations.length === 1);
    expect(state.conversations[0]!.title).toBe('Made while disconnected');

    client.close();
    await host.stop();
    await opened.close();
  });
});

describe('upsertMessage', () => {
  const message = (id: string, createdAt: number, text = id): Message =>
    messageFixture({ id, parts: [{ type: 'text', text }], createdAt, updatedAt: createdAt });

  it('replaces a known message in place', () => {
    const list = [message('a', 1), message('b', 1)];
    expect(upsertMessage(list, message('a', 1, 'new')).map((m) => m.parts[0])).toEqual([
      { type: 'text', text: 'new' },
      { type: 'text', text: 'b' },
    ]);
  });

  it('puts a new message after every message created at the same time or earlier', () => {
    const list = [message('z', 1), message('y', 2), message('x', 5)];
    expect(upsertMessage(list, message('n', 2)).map((m) => m.id)).toEqual(['z', 'y', 'n', 'x']);
  });
});
