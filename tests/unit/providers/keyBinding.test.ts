/**
 * A stored key is bound to the base URL it was saved with: nothing an API caller can
 * send (a test draft with a saved id, a re-save with another URL) and no edit of the
 * providers table makes test, models, chat or titles send it to another host.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import { providerKeyRef } from '../../../electron/core/secrets/SecretStore';
import { FileSecretStore } from '../../../electron/core/secrets/FileSecretStore';
import type { ProviderInfo } from '../../../shared/api/schemas/providers';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { addProvider, SECRET_KEY, settled } from '../chat/helpers';
import { openLibrary, type LibraryTest } from '../library/helpers';
import { waitFor } from '../../helpers/waitFor';
import { libraryDb } from '../../helpers/libraryDb';

let home: FakeProvider;
let elsewhere: FakeProvider;
beforeAll(async () => {
  home = await startFakeProvider({ tokensPerSecond: 0 });
  elsewhere = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(async () => {
  await home.close();
  await elsewhere.close();
});

let t: LibraryTest;
beforeEach(() => {
  home.reset();
  elsewhere.reset();
  t = openLibrary({ library: { askProviderForTitles: true } });
});
afterEach(async () => {
  await t.cleanup();
  expect(t.recorded.internalErrors).toEqual([]);
});

/** Every header value `server` received, in one string: where a leaked key would show. */
const headersSeenBy = (server: FakeProvider) => JSON.stringify(server.requests.map((r) => r.headers));

for (const kind of ['openai-compatible', 'anthropic'] as const) {
  describe(`a ${kind} key`, () => {
    it('is not sent to another base URL by a test of a draft carrying the saved id', async () => {
      const id = await addProvider(t, home.url, { kind });
      const result = await t.ok<{ ok: boolean }>('providers.test', {
        provider: { id, kind, name: 'Moved', baseUrl: `${elsewhere.url}/v1` },
      });
      expect(result.ok).toBe(true);
      expect(elsewhere.requests.length).toBeGreaterThan(0);
      expect(headersSeenBy(elsewhere)).not.toContain(SECRET_KEY);
    });

    it('still goes to its own base URL when the draft keeps it', async () => {
      const id = await addProvider(t, home.url, { kind });
      await t.ok('providers.test', { provider: { id, kind, name: 'Same', baseUrl: `${home.url}/v1/` } });
      expect(headersSeenBy(home)).toContain(SECRET_KEY);
    });

    it('is dropped when the provider is saved with another base URL and no key', async () => {
      const id = await addProvider(t, home.url, { kind });
      const saved = await t.ok<ProviderInfo>('providers.save', {
        provider: { id, kind, name: 'Moved', baseUrl: `${elsewhere.url}/v1` },
      });
      expect(saved.keySource).toBe('none');
      expect(await FileSecretStore.inDataDir(t.dir).get(providerKeyRef(id))).toBeUndefined();
      await t.ok('providers.models', { id });
      await t.ok('providers.test', { id });
      expect(elsewhere.requests.length).toBeGreaterThan(0);
      expect(headersSeenBy(elsewhere)).not.toContain(SECRET_KEY);
    });

    it('is kept when the provider is saved with another base URL and the key typed again', async () => {
      const id = await addProvider(t, home.url, { kind });
      const saved = await t.ok<ProviderInfo>('providers.save', {
        provider: { id, kind, name: 'Moved', baseUrl: `${elsewhere.url}/v1` },
        apiKey: SECRET_KEY,
      });
      expect(saved.keySource).toBe('stored');
      await t.ok('providers.models', { id });
      expect(headersSeenBy(elsewhere)).toContain(SECRET_KEY);
    });

    it('is not sent by models, chat or titles when the stored row points elsewhere', async () => {
      const model = 'script:hello?text=A%20title';
      const id = await addProvider(t, home.url, { kind, defaultModel: model });
      // As a tampered or restored database would have it: the row moved, the key did not.
      libraryDb(t.core)
        .prepare('UPDATE providers SET base_url = ? WHERE id = ?')
        .run(`${elsewhere.url}/v1`, id);
      const listed = await t.ok<{ providers: ProviderInfo[] }>('providers.list', {});
      expect(listed.providers.find((p) => p.id === id)?.keySource).toBe('none');

      await t.ok('providers.models', { id });
      const { id: conversationId } = await t.ok<{ id: string }>('conversations.create', {});
      const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'Hello there' });
      await settled(t.core, sent.reply.message.id);
      await waitFor(
        () => elsewhere.requests.some((r) => JSON.stringify(r.body).includes('Write a title')),
        'the title request',
      );
      expect(elsewhere.requests.filter((r) => r.model === model).length).toBeGreaterThanOrEqual(2);
      expect(headersSeenBy(elsewhere)).not.toContain(SECRET_KEY);
    });
  });
}

it('uses a key stored before keys were bound for its provider’s saved base URL only', async () => {
  const id = await addProvider(t, home.url);
  const secrets = FileSecretStore.inDataDir(t.dir);
  await secrets.set(providerKeyRef(id), SECRET_KEY);
  await t.ok('providers.models', { id });
  expect(headersSeenBy(home)).toContain(SECRET_KEY);
  await t.ok('providers.test', {
    provider: { id, kind: 'openai-compatible', name: 'X', baseUrl: `${elsewhere.url}/v1` },
  });
  expect(headersSeenBy(elsewhere)).not.toContain(SECRET_KEY);
});
