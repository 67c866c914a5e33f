import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_TEXT, SPLIT_UTF8_TEXT } from '../../fake-provider/script';
import { listJson, replies, spool, tempDir, useFakeProvider } from './helpers';

const fake = useFakeProvider();

describe('spool chat', () => {
  test('prints exactly the reply, byte for byte, and exits 0', async () => {
    const dir = tempDir();
    const run = await spool([
      'chat',
      '--data-dir',
      dir,
      ...fake.chatArgs('script:split-utf8'),
      'Say',
      'something',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.equals(Buffer.from(SPLIT_UTF8_TEXT, 'utf8'))).toBe(true);
    const [conversation] = (await listJson(dir)).conversations;
    expect(conversation!.title).toBe('Say something');
  });

  test('reads the prompt from stdin and continues a conversation given by --conversation', async () => {
    const dir = tempDir();
    expect((await spool(['chat', '--data-dir', dir, ...fake.chatArgs('script:hello'), 'first'])).code).toBe(
      0,
    );
    const [conversation] = (await listJson(dir)).conversations;
    const run = await spool(
      ['chat', '--data-dir', dir, '--conversation', conversation!.id, ...fake.chatArgs('script:echo')],
      {
        input: 'what did I say?\n',
      },
    );
    expect(run.code).toBe(0);
    expect(run.stdout.toString('utf8')).toBe('You said: what did I say?');
    const listed = await listJson(dir);
    expect(listed.conversations).toHaveLength(1);
    expect(listed.conversations[0]!.messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
  });

  test('a provider error exits 1 with the error on stderr, after printing what arrived before it', async () => {
    const dir = tempDir();
    const run = await spool([
      'chat',
      '--data-dir',
      dir,
      ...fake.chatArgs('script:error-after-3?message=overloaded%20now'),
      'hi',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^spool: the provider failed the reply \(\w+\): .*overloaded now/m);
    const printed = run.stdout.toString('utf8');
    expect(printed.length).toBeGreaterThan(0);
    expect(DEFAULT_TEXT.startsWith(printed)).toBe(true);
    const [reply] = await replies(dir);
    expect(reply!.status).toBe('error');
  });

  test('an ad-hoc endpoint is saved once and then serves later chats, with the key from OPENAI_API_KEY', async () => {
    const dir = tempDir();
    expect((await spool(['chat', '--data-dir', dir, ...fake.chatArgs('script:hello'), 'one'])).code).toBe(0);
    // The ad-hoc endpoint was saved once; without --provider, the only provider is used.
    const run = await spool(['chat', '--data-dir', dir, '--model', 'script:hello', 'two'], {
      env: { OPENAI_API_KEY: 'sk-from-env-123' },
    });
    expect(run.code).toBe(0);
    expect(run.stdout.toString('utf8')).toBe(DEFAULT_TEXT);
    expect((await listJson(dir)).conversations).toHaveLength(2);
    const last = fake
      .fake()
      .requests.filter((r) => r.path === '/v1/chat/completions')
      .at(-1)!;
    expect(last.headers.authorization).toBe('Bearer sk-from-env-123');
  });
});

describe('spool list', () => {
  test('prints conversations with their messages, and --json gives id, parentId, role, status, createdAt, version and who answered', async () => {
    const dir = tempDir();
    await spool(['chat', '--data-dir', dir, ...fake.chatArgs('script:hello'), 'Listing test']);
    const listed = await listJson(dir);
    expect(listed.conversations).toHaveLength(1);
    const [user, assistant] = listed.conversations[0]!.messages;
    expect(user).toEqual({
      id: expect.any(String),
      parentId: null,
      role: 'user',
      status: 'complete',
      createdAt: expect.any(Number),
      shown: true,
      version: { index: 1, count: 1 },
      providerId: null,
      providerName: null,
      model: null,
    });
    expect(assistant).toMatchObject({
      parentId: user!.id,
      role: 'assistant',
      status: 'complete',
      shown: true,
      model: 'script:hello',
      providerName: expect.stringContaining('openai-compatible'),
    });
    const text = await spool(['list', '--data-dir', dir]);
    expect(text.code).toBe(0);
    const out = text.stdout.toString('utf8');
    expect(out).toContain(`${listed.conversations[0]!.id}  Listing test`);
    expect(out).toMatch(new RegExp(`^  ${assistant!.id}  assistant +complete `, 'm'));
  });
});

describe('spool export', () => {
  test('writes each format to stdout, or to --out', async () => {
    const dir = tempDir();
    const chat = await spool(['chat', '--data-dir', dir, ...fake.chatArgs('script:reasoning'), 'think']);
    expect(chat.code).toBe(0);
    const [reply] = await replies(dir);
    const id = reply!.id;

    const text = await spool(['export', id, '--format', 'text', '--data-dir', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout.equals(chat.stdout)).toBe(true);

    const md = (await spool(['export', id, '--format', 'md', '--data-dir', dir])).stdout.toString('utf8');
    expect(md).toContain('<summary>Reasoning</summary>');
    expect(md).toContain('Hello there!');

    const jsonl = (await spool(['export', id, '--format', 'jsonl', '--data-dir', dir])).stdout.toString(
      'utf8',
    );
    const lines = jsonl
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; type: string });
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i));
    expect(lines.some((l) => l.type === 'reasoning-delta')).toBe(true);

    const raw = (await spool(['export', id, '--format', 'raw', '--data-dir', dir])).stdout.toString('utf8');
    expect(
      raw
        .trimEnd()
        .split('\n')
        .every((l) => (JSON.parse(l) as { object: string }).object === 'chat.completion.chunk'),
    ).toBe(true);

    const out = path.join(dir, 'reply.txt');
    const saved = await spool(['export', id, '--format', 'text', '--out', out, '--data-dir', dir]);
    expect(saved.code).toBe(0);
    expect(saved.stdout.length).toBe(0);
    expect(fs.readFileSync(out).equals(chat.stdout)).toBe(true);
  });

  test('exports a conversation as json or md, and the library with --all', async () => {
    const dir = tempDir();
    await spool(['chat', '--data-dir', dir, ...fake.chatArgs('script:hello'), 'Conversation export']);
    const [reply] = await replies(dir);
    const json = await spool(['export', reply!.conversationId, '--format', 'json', '--data-dir', dir]);
    expect(json.code).toBe(0);
    const doc = JSON.parse(json.stdout.toString('utf8')) as {
      conversation: { title: string };
      messages: unknown[];
    };
    expect(doc.conversation.title).toBe('Conversation export');
    expect(doc.messages).toHaveLength(2);
    const md = await spool(['export', reply!.conversationId, '--format', 'md', '--data-dir', dir]);
    expect(md.stdout.toString('utf8')).toMatch(/^# Conversation export\n/);

    const library = await spool(['export', '--all', '--format', 'json', '--data-dir', dir]);
    expect(
      (JSON.parse(library.stdout.toString('utf8')) as { conversations: unknown[] }).conversations,
    ).toHaveLength(1);
    const folder = path.join(dir, 'md');
    const all = await spool(['export', '--all', '--format', 'md', '--out', folder, '--data-dir', dir]);
    expect(all.code).toBe(0);
    expect(fs.readdirSync(folder)).toEqual([expect.stringMatching(/^Conversation export \(.+\)\.md$/)]);
  });
});

describe('spool inspect', () => {
  test('shows chunks, bytes, timing and status history per stream, and --json the same as data', async () => {
    const dir = tempDir();
    await spool(['chat', '--data-dir', dir, ...fake.chatArgs('script:hello'), 'inspect me']);
    const [reply] = await replies(dir);
    const run = await spool(['inspect', reply!.id, '--json', '--data-dir', dir]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout.toString('utf8')) as {
      messageId: string;
      streams: {
        chunks: number;
        bytes: number;
        textBytes: number;
        byType: Record<string, number>;
        firstChunkMs: number;
        durationMs: number;
        chunksPerSecond: number | null;
        history: { status: string; at: number }[];
      }[];
    };
    expect(report.messageId).toBe(reply!.id);
    const [s] = report.streams;
    expect(s!.textBytes).toBe(Buffer.byteLength(DEFAULT_TEXT));
    expect(s!.chunks).toBe(Object.values(s!.byType).reduce((a, b) => a + b, 0));
    expect(s!.bytes).toBeGreaterThan(s!.textBytes);
    expect(s!.firstChunkMs).toBeGreaterThanOrEqual(0);
    expect(s!.durationMs).toBeGreaterThanOrEqual(s!.firstChunkMs);
    expect(s!.history.map((h) => h.status)).toEqual(['streaming', 'complete']);
    const text = (await spool(['inspect', reply!.id, '--data-dir', dir])).stdout.toString('utf8');
    expect(text).toMatch(/status +streaming .* → complete /);
    expect(text).toMatch(new RegExp(`chunks +${s!.chunks} \\(`));
    expect(text).toMatch(/first chunk +\d+ ms/);
    expect(text).toMatch(/chunks\/s +/);
  });
});
