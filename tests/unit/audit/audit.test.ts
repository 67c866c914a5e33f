import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { SpoolCore } from '../../../electron/core/SpoolCore';
import type { StartedReply } from '../../../shared/api/schemas/chat';
import type { HistoryEvent } from '../../../shared/api/schemas/inspector';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { addProvider, settled, textOf } from '../chat/helpers';
import { crashMidStream, openLibrary, type LibraryTest } from '../library/helpers';
import { waitFor } from '../../helpers/waitFor';
import { libraryDb } from '../../helpers/libraryDb';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(() => fake.close());

let t: LibraryTest;
afterEach(async () => {
  await t.cleanup();
});

const kinds = (core: SpoolCore, messageId: string) => core.audit.list(messageId).map((e) => e.kind);

async function chatWith(model: string) {
  t = openLibrary();
  fake.setScript(model.startsWith('script:') ? model : 'script:long?tps=40', model);
  await addProvider(t, fake.url, { defaultModel: model });
  const conversationId = t.core.conversations.create('audited').id;
  const send = () => t.ok<SentMessage>('chat.send', { conversationId, text: 'go' });
  return { conversationId, send };
}

describe('the audit trail of a message', () => {
  it('records a reply started and completed', async () => {
    const { send } = await chatWith('script:hello');
    const { reply } = await send();
    await settled(t.core, reply.message.id);
    expect(kinds(t.core, reply.message.id)).toEqual(['started', 'completed']);
  });

  it('records a Stop as stopped, then a Continue as continued', async () => {
    const { send } = await chatWith('audit-long-1');
    const { reply } = await send();
    const id = reply.message.id;
    await waitFor(() => textOf(t.core.messages.get(id)).length > 10, 'some text');
    await t.ok('chat.stop', { messageId: id });
    fake.setScript('script:hello', 'audit-long-1');
    await t.ok<StartedReply>('chat.continue', { messageId: id });
    await waitFor(() => kinds(t.core, id).length >= 4, 'the continued stream to end');
    expect(kinds(t.core, id)).toEqual(['started', 'stopped', 'continued', 'completed']);
  });

  it('records a regenerated reply with the id of the version it was made beside', async () => {
    const { send } = await chatWith('script:hello');
    const { reply } = await send();
    await settled(t.core, reply.message.id);
    const again = await t.ok<StartedReply>('chat.regenerate', { messageId: reply.message.id });
    await settled(t.core, again.message.id);
    const regenerated = t.core.audit.list(again.message.id).find((e) => e.kind === 'regenerated');
    expect(regenerated?.detail).toEqual({ replaces: reply.message.id });
  });

  it('records an export on the message, and the conversation json export carries the trail', async () => {
    const { send, conversationId } = await chatWith('script:hello');
    const { reply } = await send();
    await settled(t.core, reply.message.id);
    await t.core.exporter.writeTo(
      { kind: 'message', messageId: reply.message.id, format: 'md' },
      new PassThrough(),
    );
    expect(kinds(t.core, reply.message.id)).toContain('exported');

    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    await t.core.exporter.writeTo({ kind: 'conversation', conversationId, format: 'json' }, out);
    const doc = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      messages: { id: string; audit: { kind: string; detail: unknown }[] }[];
    };
    const exported = doc.messages.find((m) => m.id === reply.message.id)!;
    expect(exported.audit.map((e) => e.kind)).toEqual(['started', 'completed', 'exported']);
    expect(exported.audit[2]!.detail).toEqual({ format: 'md' });
  });

  it('records a chunk log taken into a "Report a problem" bundle as such, and the inspector says so', async () => {
    const { send } = await chatWith('script:hello');
    const { reply } = await send();
    await settled(t.core, reply.message.id);
    await t.ok('diagnostics.report', { messageId: reply.message.id });
    const inspection = await t.ok<{ history: HistoryEvent[] }>('streams.inspect', {
      messageId: reply.message.id,
    });
    const exported = inspection.history.find((h) => h.kind === 'exported')!;
    expect(exported.detail).toBe('Its chunk log, into a "Report a problem" bundle');
    expect(t.core.audit.list(reply.message.id).at(-1)!.detail).toEqual({ format: 'jsonl', scope: 'report' });
  });

  it('records a stream found streaming after a crash as interrupted by recovery and its message as recovered, shown in the inspector', async () => {
    t = openLibrary({ debounceMs: 60_000 });
    const { messageId, streamId } = crashMidStream(t);
    const second = await t.reopen({ debounceMs: 0 });

    const trail = second.core.audit.list(messageId);
    expect(trail.map((e) => e.kind)).toEqual(['started', 'interrupted', 'recovered']);
    expect(trail[1]!.detail).toMatchObject({ by: 'recovery', streamId });

    const inspection = await second.ok<{ history: HistoryEvent[] }>('streams.inspect', { messageId });
    expect(inspection.history.map((h) => h.kind)).toEqual(['started', 'interrupted', 'recovered']);
    expect(inspection.history[1]!.detail).toMatch(/launch/);
  });

  it('stays with the older version when a reply is regenerated', async () => {
    const { send } = await chatWith('script:hello');
    const { reply } = await send();
    await settled(t.core, reply.message.id);
    const again = await t.ok<StartedReply>('chat.regenerate', { messageId: reply.message.id });
    await settled(t.core, again.message.id);
    expect(kinds(t.core, reply.message.id)).toEqual(['started', 'completed']);
  });

  it('goes with its message when the message is deleted and purged', async () => {
    const { send } = await chatWith('script:hello');
    const { reply } = await send();
    await settled(t.core, reply.message.id);
    await t.ok('messages.delete', { messageId: reply.message.id, scope: 'version' });
    libraryDb(t.core).prepare('UPDATE messages SET deleted_at = 0 WHERE id = ?').run(reply.message.id);
    t.core.versions.purgeExpired();
    expect(t.core.audit.list(reply.message.id)).toEqual([]);
  });
});
