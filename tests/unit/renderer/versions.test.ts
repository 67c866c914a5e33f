/**
 * Every version kept, as a window sees it: the stores over a real core (temp SQLite
 * file, real engine) asking the real fake provider over HTTP. Regenerate and Edit add
 * versions and remove nothing; choosing a version, deleting one and Undo go through
 * main, and another window follows through `messages.changed`.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAppStores, type AppStores } from '../../../renderer/src/stores';
import type { Message } from '../../../shared/api/schemas/messages';
import { buildTree, shownPath, versionsOf } from '../../../shared/tree';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { bridgeClient, openCore, until } from './helpers';

type Store<S> = { getState(): S; subscribe(fn: () => void): () => void };
const when = <S>(store: Store<S>, ok: (s: S) => boolean) =>
  until((fn) => store.subscribe(fn), store.getState, ok);

const textOf = (m: Message | undefined) =>
  (m?.parts ?? []).map((p) => (p.type === 'text' ? p.text : '')).join('');
/** The shown branch as [role, text] pairs. */
const shown = (stores: AppStores) =>
  shownPath(stores.messages.getState().messages).map((m) => [m.role, textOf(m)]);

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(() => fake.close());

describe('versions in the renderer stores, over a real core', () => {
  let opened: ReturnType<typeof openCore>;
  let stores: AppStores;
  let conversationId: string;

  beforeEach(async () => {
    opened = openCore();
    stores = createAppStores(bridgeClient(opened.core));
    await stores.start();
    await stores.client.call('providers.save', {
      provider: {
        kind: 'openai-compatible',
        name: 'Fake',
        baseUrl: `${fake.url}/v1`,
        defaultModel: 'fake-chat',
      },
      apiKey: null,
    });
    await stores.providers.getState().load();
    conversationId = (await stores.conversations.getState().create())!.id;
    await when(stores.messages, (s) => s.conversationId === conversationId && !s.loading);
  });
  afterEach(() => opened.close());

  /** Makes the fake provider answer the next request with exactly `text`. */
  const say = (text: string) => fake.setScript(`script:hello?text=${encodeURIComponent(text)}`);
  /** Waits until message `id` is complete with `text` in the store. */
  const completes = (id: string, text: string) =>
    when(stores.messages, (s) => {
      const m = s.messages.find((x) => x.id === id);
      return m?.status === 'complete' && textOf(m) === text;
    });
  const provider = () => stores.providers.getState().providers[0]!;

  async function exchange(question: string, answer: string): Promise<Message> {
    say(answer);
    await stores.chat.getState().send(conversationId, question, crypto.randomUUID(), {
      providerId: provider().id,
      model: 'fake-chat',
    });
    const reply = stores.messages.getState().messages.findLast((m) => m.role === 'assistant')!;
    await completes(reply.id, answer);
    return reply;
  }

  /** The newest reply in the store (the last one created). */
  const newestReply = () => stores.messages.getState().messages.findLast((m) => m.role === 'assistant')!;

  it('Regenerate keeps the earlier reply as a version beside the new one, which is shown', async () => {
    const first = await exchange('Name a colour', 'Red.');
    say('Blue.');
    await stores.chat.getState().regenerate(first.id);
    const second = newestReply();
    await completes(second.id, 'Blue.');

    expect(shown(stores)).toEqual([
      ['user', 'Name a colour'],
      ['assistant', 'Blue.'],
    ]);
    const versions = versionsOf(buildTree(stores.messages.getState().messages), second.id);
    expect(versions.siblings.map(textOf)).toEqual(['Red.', 'Blue.']);
    expect(versions.index).toBe(2);
  });

  it('Edit and resend keeps the edited message and its reply as the other version', async () => {
    const reply = await exchange('Frist question', 'First answer.');
    const question = stores.messages.getState().messages.find((m) => m.id === reply.parentId)!;
    say('Second answer.');
    expect(await stores.chat.getState().editAndResend(question.id, 'First question')).toBe(true);
    await completes(newestReply().id, 'Second answer.');

    expect(shown(stores)).toEqual([
      ['user', 'First question'],
      ['assistant', 'Second answer.'],
    ]);
    expect(stores.messages.getState().messages.map(textOf)).toEqual([
      'Frist question',
      'First answer.',
      'First question',
      'Second answer.',
    ]);
  });

  it('a reply names the model and provider that wrote it', async () => {
    const reply = await exchange('Hi', 'Hello.');
    expect(stores.messages.getState().messages.find((m) => m.id === reply.id)).toMatchObject({
      model: 'fake-chat',
      providerName: 'Fake',
      providerId: provider().id,
    });
  });

  it('choosing a version shows it here, and another window follows through messages.changed', async () => {
    const first = await exchange('Pick one', 'One.');
    say('Two.');
    await stores.chat.getState().regenerate(first.id);
    await completes(newestReply().id, 'Two.');
    const other = createAppStores(bridgeClient(opened.core));
    await other.start();
    other.conversations.getState().select(conversationId);
    await when(other.messages, (s) => s.messages.length === 3 && !s.loading);
    expect(shown(other)).toEqual([
      ['user', 'Pick one'],
      ['assistant', 'Two.'],
    ]);

    expect(await stores.versions.getState().select(first.id)).toBe(true);
    expect(shown(stores)).toEqual([
      ['user', 'Pick one'],
      ['assistant', 'One.'],
    ]);
    await when(other.messages, () => shown(other)[1]?.[1] === 'One.');
  });

  it('deleting a version hides it at once and offers Undo, which brings it back', async () => {
    const first = await exchange('Pick one', 'One.');
    say('Two.');
    await stores.chat.getState().regenerate(first.id);
    const second = newestReply();
    await completes(second.id, 'Two.');

    expect(await stores.versions.getState().remove(second.id, 'version')).toBe(true);
    expect(stores.messages.getState().messages.map((m) => m.id)).not.toContain(second.id);
    expect(shown(stores)).toEqual([
      ['user', 'Pick one'],
      ['assistant', 'One.'],
    ]);
    expect(stores.versions.getState().undo).toMatchObject({ rootId: second.id, scope: 'version', count: 1 });

    expect(await stores.versions.getState().undoRemove()).toBe(true);
    expect(stores.versions.getState().undo).toBeNull();
    expect(stores.messages.getState().messages.map(textOf)).toEqual(['Pick one', 'One.', 'Two.']);
  });

  it('deleting a branch hides it from where it forks, and the other branch shows', async () => {
    const reply = await exchange('Frist question', 'First answer.');
    say('Second answer.');
    await stores.chat.getState().editAndResend(reply.parentId!, 'First question');
    const newer = newestReply();
    await completes(newer.id, 'Second answer.');

    expect(await stores.versions.getState().remove(newer.id, 'branch')).toBe(true);
    expect(stores.versions.getState().undo).toMatchObject({ scope: 'branch', count: 2 });
    expect(shown(stores)).toEqual([
      ['user', 'Frist question'],
      ['assistant', 'First answer.'],
    ]);
  });

  it('deleting the only branch is refused in main’s words and nothing is hidden', async () => {
    const reply = await exchange('Alone', 'Only answer.');
    expect(await stores.versions.getState().remove(reply.id, 'branch')).toBe(false);
    expect(stores.toasts.getState().toasts.map((t) => t.message)).toEqual([
      expect.stringMatching(/^Could not delete the branch: .*only branch/),
    ]);
    expect(stores.messages.getState().messages).toHaveLength(2);
  });
});
