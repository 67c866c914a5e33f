/**
 * An API key never leaves the secret store except in the request to its provider:
 * not into the SQLite file (or its WAL), an API reply, an event, a log line or an
 * internal error report — also when the provider echoes the key back in an error.
 */
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import { databasePath } from '../../../electron/core/paths';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { ExportTarget } from '../../../shared/api/schemas/export';
import type { SpoolCore } from '../../../electron/core/SpoolCore';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { makeTempDir } from '../../helpers/tempDir';
import {
  addProvider,
  openCore,
  SECRET_KEY,
  settled,
  trackUnhandledRejections,
  type TestCore,
} from './helpers';

trackUnhandledRejections();

let fake: FakeProvider;
let guarded: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
  // Wants another key, and echoes the key it was given in its 401, as some providers do.
  guarded = await startFakeProvider({ tokensPerSecond: 0, apiKey: 'the-right-key' });
});
afterAll(async () => {
  await fake.close();
  await guarded.close();
});

function databaseBytes(dataDir: string): string {
  const file = databasePath(dataDir);
  return [file, `${file}-wal`]
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f).toString('latin1'))
    .join('\n');
}

/** Every export of the whole library, in every format, concatenated. */
async function exportEverything(core: SpoolCore): Promise<string> {
  const targets: ExportTarget[] = [
    { kind: 'library', format: 'json' },
    { kind: 'library', format: 'markdown-folder' },
  ];
  for (const c of core.conversations.list()) {
    targets.push({ kind: 'conversation', conversationId: c.id, format: 'md' });
    targets.push({ kind: 'conversation', conversationId: c.id, format: 'json' });
    for (const m of core.messages.list(c.id)) {
      for (const format of ['text', 'md', 'jsonl', 'raw'] as const)
        targets.push({ kind: 'message', messageId: m.id, format });
    }
  }
  const parts: Buffer[] = [];
  for (const target of targets) {
    const out = new PassThrough();
    out.on('data', (d: Buffer) => parts.push(d));
    await core.exporter.writeTo(target, out);
  }
  return Buffer.concat(parts).toString('latin1');
}

async function converse(t: TestCore, providerId: string, model: string): Promise<string> {
  const { id } = await t.ok<Conversation>('conversations.create', {});
  const sent = await t.ok<SentMessage>('chat.send', { conversationId: id, text: 'hi', providerId, model });
  await settled(t.core, sent.reply.message.id);
  return sent.reply.message.id;
}

it('keeps the key out of the database, exports, API replies, events, logs and error reports', async () => {
  const consoleLines: unknown[][] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void consoleLines.push(args)),
  );
  const tmp = makeTempDir('spool-chat-keys-');
  let t = openCore(tmp.dir);
  try {
    const openai = await addProvider(t, fake.url, { apiKey: SECRET_KEY });
    const anthropic = await addProvider(t, fake.url, { kind: 'anthropic', apiKey: SECRET_KEY });
    const wrongKey = await addProvider(t, guarded.url, { apiKey: SECRET_KEY });

    for (const providerId of [openai, anthropic]) {
      for (const model of ['script:reasoning', 'script:tool-call', 'script:http-500'])
        await converse(t, providerId, model);
      const cut = await converse(t, providerId, 'script:cut-after-2');
      await t.ok('chat.continue', { messageId: cut });
      await settled(t.core, cut);
      await t.ok('chat.regenerate', { messageId: cut });
    }
    const rejected = await converse(t, wrongKey, 'script:hello');
    expect(t.core.messages.get(rejected)).toMatchObject({ status: 'error', error: { code: 'auth' } });
    expect(t.core.messages.get(rejected).error?.message).toMatch(/Incorrect API key provided/);
    await t.ok('providers.list', {});
    await t.ok('providers.test', { id: wrongKey });
    await t.ok('providers.models', { id: openai });
    await t.ok('conversations.list', {});

    // The test can fail: the key really went out, and came back in the 401 body.
    expect(JSON.stringify(guarded.requests.map((r) => r.headers))).toContain(SECRET_KEY);
    expect(JSON.stringify(fake.requests.map((r) => r.headers))).toContain(SECRET_KEY);

    t.core.flushAll();
    const exported = await exportEverything(t.core);
    expect(exported).toContain('Incorrect API key provided'); // the echoed 401, redacted, is in the exports
    expect(exported).not.toContain(SECRET_KEY);
    const whileOpen = databaseBytes(tmp.dir);
    await t.core.close();
    t = openCore(tmp.dir, t.recorded); // reopening runs recovery and logs its summary
    await t.core.close();

    expect(whileOpen.length).toBeGreaterThan(0);
    expect(whileOpen).not.toContain(SECRET_KEY);
    expect(databaseBytes(tmp.dir)).not.toContain(SECRET_KEY);
    const { replies, events, logs, internalErrors } = t.recorded;
    expect(replies.length).toBeGreaterThan(20);
    expect(events.length).toBeGreaterThan(20);
    expect(JSON.stringify(replies)).not.toContain(SECRET_KEY);
    expect(JSON.stringify(events)).not.toContain(SECRET_KEY);
    expect(logs.join('\n')).not.toContain(SECRET_KEY);
    expect(internalErrors).toEqual([]);
    expect(consoleLines.map((args) => args.map(String).join(' ')).join('\n')).not.toContain(SECRET_KEY);
  } finally {
    for (const spy of spies) spy.mockRestore();
    await t.core.close();
    tmp.cleanup();
  }
});
