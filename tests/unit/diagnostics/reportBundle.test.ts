import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { DiagnosticsReport } from '../../../shared/api/schemas/diagnostics';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { addProvider, SECRET_KEY, settled } from '../chat/helpers';
import { openLibrary, text, type LibraryTest } from '../library/helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(() => fake.close());

let t: LibraryTest;
afterEach(async () => {
  await t.cleanup();
});

/** Every file of the zip, as unzip (an independent reader) extracts it. */
function unzipAll(file: string): Record<string, string> {
  const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
  return Object.fromEntries(
    names.map((n) => [n, execFileSync('unzip', ['-p', file, n], { encoding: 'utf8' })]),
  );
}

async function libraryWithAReply() {
  t = openLibrary();
  await addProvider(t, fake.url, { defaultModel: 'script:hello' });
  const conversationId = t.core.conversations.create('reported').id;
  const { reply } = await t.ok<SentMessage>('chat.send', { conversationId, text: 'hi' });
  await settled(t.core, reply.message.id);
  return reply.message.id;
}

describe('"Report a problem"', () => {
  it('writes a zip the user can open: about, settings, stats, log, and the chosen message’s chunk log', async () => {
    const messageId = await libraryWithAReply();
    const report = await t.ok<DiagnosticsReport>('diagnostics.report', { messageId });
    expect(path.dirname(report.path)).toBe(path.join(t.dir, 'reports'));
    expect(fs.statSync(report.path).size).toBe(report.bytes);
    expect(execFileSync('unzip', ['-t', report.path], { encoding: 'utf8' })).toContain('No errors detected');

    const files = unzipAll(report.path);
    expect(Object.keys(files).sort()).toEqual(
      [
        'README.txt',
        'about.json',
        'log.txt',
        `message-${messageId}.jsonl`,
        'settings.json',
        'stats.json',
      ].sort(),
    );
    expect(JSON.parse(files['about.json']!)).toMatchObject({
      app: 'Spool',
      os: { platform: process.platform },
    });
    expect(JSON.parse(files['stats.json']!)['24h'].streams).toMatchObject({ started: 1, completed: 1 });
    expect(JSON.parse(files['settings.json']!).providers).toHaveLength(1);
    expect(files['log.txt']).toContain('recovery');
    const chunks = files[`message-${messageId}.jsonl`]!.trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number });
    expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, i) => i));
  });

  it('leaves the chunk log out when no message is chosen, and says NOT_FOUND for an unknown one', async () => {
    await libraryWithAReply();
    const report = await t.ok<DiagnosticsReport>('diagnostics.report', {});
    expect(report.files.some((f) => f.startsWith('message-'))).toBe(false);
    expect(await t.call('diagnostics.report', { messageId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('never contains an API key: not in the bundle, the log lines it carries, or the stats', async () => {
    const messageId = await libraryWithAReply();
    // A key that reached a log line (a provider echoing it in an error, say) and a chat message.
    t.core.recentLog.add(`provider said: invalid key ${SECRET_KEY}`);
    const conversationId = t.core.messages.get(messageId).conversationId;
    const { reply } = await t.ok<SentMessage>('chat.send', {
      conversationId,
      text: `my key is ${SECRET_KEY}`,
    });
    await settled(t.core, reply.message.id);

    const report = await t.ok<DiagnosticsReport>('diagnostics.report', { messageId: reply.message.id });
    const raw = fs.readFileSync(report.path);
    expect(raw.includes(Buffer.from(SECRET_KEY))).toBe(false);
    const files = unzipAll(report.path);
    for (const [name, text] of Object.entries(files)) expect(text, name).not.toContain(SECRET_KEY);
    expect(files['log.txt']).toContain('invalid key [redacted]');

    const stats = await t.ok('stats.get', { sinceMs: 86_400_000 });
    expect(JSON.stringify(stats)).not.toContain(SECRET_KEY);
  });
});

describe('"Report a problem" redaction of a chunk log', () => {
  it('masks a stored key and a GitHub token streamed in pieces, in every chunk that carries part of one', async () => {
    t = openLibrary();
    await addProvider(t, fake.url, { defaultModel: 'script:hello' });
    const github = 'ghp_' + 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8';
    const conversationId = t.core.conversations.create('leaky').id;
    const messageId = t.core.messages.insert({ conversationId, role: 'assistant', status: 'streaming' }).id;
    const stream = t.core.engine.start({ messageId });
    const said = `the key is ${SECRET_KEY} and the token ${github}.`;
    // Cut into 5-character chunks: neither secret is whole in any one of them.
    for (let i = 0; i < said.length; i += 5) stream.append(text(said.slice(i, i + 5)));
    stream.append({ type: 'finish' });
    t.core.engine.flush();
    await settled(t.core, messageId);

    const report = await t.ok<DiagnosticsReport>('diagnostics.report', { messageId });
    const jsonl = unzipAll(report.path)[`message-${messageId}.jsonl`]!;
    const deltas = jsonl
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; payload: { delta?: string } })
      .filter((c) => c.type === 'text-delta')
      .map((c) => c.payload.delta)
      .join('');
    expect(deltas).toBe('the key is [redacted] and the token [redacted].');
    for (const secret of [SECRET_KEY, github])
      for (let i = 0; i + 8 <= secret.length; i += 4) expect(jsonl).not.toContain(secret.slice(i, i + 8));
  });
});
