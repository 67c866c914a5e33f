import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SpoolCoreOptions } from '../../../electron/core/SpoolCore';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import { createDiagnosticsStore } from '../../../renderer/src/stores/diagnostics';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { addProvider, settled } from '../chat/helpers';
import { openLibrary, type LibraryTest } from '../library/helpers';
import { bridgeClient } from './helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(() => fake.close());

let t: LibraryTest;
afterEach(async () => {
  await t.cleanup();
});

/** The diagnostics store over a real core with one finished reply, as a window sees it. */
async function setUp(options: Partial<SpoolCoreOptions> = {}) {
  t = openLibrary(options);
  await addProvider(t, fake.url);
  const conversationId = t.core.conversations.create('Reported chat').id;
  const { reply } = await t.ok<SentMessage>('chat.send', { conversationId, text: 'hi' });
  await settled(t.core, reply.message.id);
  const downloads: { path: string; fileName: string }[] = [];
  const store = createDiagnosticsStore(bridgeClient(t.core), {
    download: (path, fileName) => downloads.push({ path, fileName }),
  });
  return { store, downloads, messageId: reply.message.id };
}

describe('the diagnostics store’s "Report a problem"', () => {
  it('lists the replies to choose from, writes the report with the chosen one, and downloads it in browser mode', async () => {
    const { store, downloads, messageId } = await setUp();
    await store.getState().loadReplies();
    expect(store.getState().replies?.map((r) => [r.messageId, r.conversationTitle])).toEqual([
      [messageId, 'Reported chat'],
    ]);
    store.getState().choose(messageId);
    await store.getState().writeReport(store.getState().chosen);
    const { report } = store.getState();
    expect(report).toMatchObject({ status: 'written', messageId });
    expect(report.written!.files).toContain(`message-${messageId}.jsonl`);

    await store.getState().offerReport();
    expect(downloads).toEqual([
      { path: `/report?file=${report.written!.fileName}`, fileName: report.written!.fileName },
    ]);
    expect(store.getState().report.error).toBeUndefined();
  });

  it('on the desktop, shows the report in its folder instead of downloading it', async () => {
    const shown: string[] = [];
    const { store, downloads } = await setUp({ showInFolder: (file) => shown.push(file) });
    await store.getState().writeReport();
    await store.getState().offerReport();
    expect(shown).toEqual([store.getState().report.written!.path]);
    expect(downloads).toEqual([]);
  });

  it('forgets a chosen reply that is no longer listed, rather than reporting a deleted one', async () => {
    const { store, messageId } = await setUp();
    store.getState().choose(messageId);
    await t.ok('conversations.delete', { id: t.core.messages.get(messageId).conversationId });
    await store.getState().loadReplies();
    expect(store.getState()).toMatchObject({ replies: [], chosen: '' });
  });
});
