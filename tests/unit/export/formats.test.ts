import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import type { MessageExportFormat, ExportTarget } from '../../../shared/api/schemas/export';
import { StringSink } from '../../../electron/core/export';
import { bigText, DEFAULT_TEXT, SPLIT_UTF8_TEXT } from '../../fake-provider/script';
import { loggedChunks, loggedText, openLibrary, send, useFakeProvider, type Library } from './helpers';
import { waitFor } from '../../helpers/waitFor';
import { libraryDb } from '../../helpers/libraryDb';

const fake = useFakeProvider(0);

async function exportString(lib: Library, target: ExportTarget): Promise<string> {
  const sink = new StringSink();
  await lib.exporter.write(target, sink);
  return sink.text();
}

/** Through a real Writable, as bytes: what a file or stdout receives. */
async function exportBytes(lib: Library, target: ExportTarget): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  await lib.exporter.writeTo(target, out);
  out.end();
  return Buffer.concat(parts);
}

const message = (messageId: string, format: MessageExportFormat): ExportTarget => ({
  kind: 'message',
  messageId,
  format,
});

describe('message export: text', () => {
  test('is byte-exact for multi-byte characters split across network writes', async () => {
    const lib = await openLibrary(fake.url());
    const { messageId, streamId } = await send(lib, 'script:split-utf8');
    const bytes = await exportBytes(lib, message(messageId, 'text'));
    expect(bytes.equals(Buffer.from(SPLIT_UTF8_TEXT, 'utf8'))).toBe(true);
    expect(bytes.toString('utf8')).toBe(loggedText(libraryDb(lib.core), streamId));
    expect(bytes.includes(Buffer.from('\uFFFD', 'utf8'))).toBe(false);
  });

  test('is byte-exact for a 3 MiB single chunk stored as continuation rows', async () => {
    const lib = await openLibrary(fake.url());
    const { messageId, streamId } = await send(lib, 'script:big');
    const parts = libraryDb(lib.core)
      .prepare('SELECT COUNT(*) FROM chunks WHERE stream_id = ? AND part > 0')
      .pluck()
      .get(streamId) as number;
    expect(parts).toBeGreaterThan(0);
    const bytes = await exportBytes(lib, message(messageId, 'text'));
    expect(bytes.length).toBe(3 * 1024 * 1024);
    expect(bytes.equals(Buffer.from(bigText(3 * 1024 * 1024), 'utf8'))).toBe(true);
  });

  test('concatenates the text of every stream of a continued message, in order', async () => {
    const lib = await openLibrary(fake.url());
    const { messageId, streamId } = await send(lib, 'script:cut-after-5');
    const client = lib.core.connect(() => {});
    const continued = await client.call('chat.continue', { messageId });
    client.dispose();
    expect(continued.ok).toBe(true);
    const second = (continued as { data: { streamId: string } }).data.streamId;
    const { streamStatus } = await import('./helpers');
    await waitFor(() => streamStatus(libraryDb(lib.core), second) !== 'streaming', 'the continuation to end');
    const text = await exportString(lib, message(messageId, 'text'));
    expect(text).toBe(loggedText(libraryDb(lib.core), streamId) + loggedText(libraryDb(lib.core), second));
    expect(text.length).toBeGreaterThan(loggedText(libraryDb(lib.core), streamId).length);
  });
});

describe('message export: jsonl', () => {
  test('has one parseable line per logged chunk with seq, t_ms, type and the rejoined payload', async () => {
    const lib = await openLibrary(fake.url());
    const { messageId, streamId } = await send(lib, 'script:big?bytes=2500000');
    const lines = (await exportString(lib, message(messageId, 'jsonl'))).trimEnd().split('\n');
    const logged = loggedChunks(libraryDb(lib.core), streamId);
    expect(lines).toHaveLength(logged.length);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    parsed.forEach((line, i) => {
      expect(line).toEqual({
        stream_id: streamId,
        seq: logged[i]!.seq,
        t_ms: logged[i]!.tMs,
        type: logged[i]!.chunk.type,
        payload: logged[i]!.chunk,
      });
    });
    const big = parsed.find((l) => l.type === 'text-delta')!.payload as { delta: string };
    expect(big.delta).toBe(bigText(2_500_000));
    expect(parsed.some((l) => l.type === 'raw')).toBe(true);
  });
});

describe('message export: raw', () => {
  test('is exactly the provider events as received, one JSON value per line', async () => {
    const lib = await openLibrary(fake.url());
    const { messageId, streamId } = await send(lib, 'script:hello');
    const lines = (await exportString(lib, message(messageId, 'raw'))).trimEnd().split('\n');
    const rawValues = loggedChunks(libraryDb(lib.core), streamId).flatMap(({ chunk }) =>
      chunk.type === 'raw' ? [chunk.value] : [],
    );
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(rawValues);
    // They are the provider's own chat-completion events: their deltas spell the reply.
    const events = lines.map(
      (l) => JSON.parse(l) as { object: string; choices: { delta: { content?: string } }[] },
    );
    expect(events.every((e) => e.object === 'chat.completion.chunk')).toBe(true);
    expect(events.map((e) => e.choices[0]?.delta.content ?? '').join('')).toBe(DEFAULT_TEXT);
  });
});

describe('message export: md', () => {
  test('puts reasoning in a <details> block before the reply text', async () => {
    const lib = await openLibrary(fake.url());
    const { messageId } = await send(lib, 'script:reasoning');
    const md = await exportString(lib, message(messageId, 'md'));
    expect(md).toMatch(/<details>\n<summary>Reasoning<\/summary>\n\nThe user greeted me\./);
    expect(md.indexOf('</details>')).toBeLessThan(md.indexOf('Hello there!'));
  });

  test('shows a tool call with its name and input', async () => {
    const lib = await openLibrary(fake.url());
    const { messageId } = await send(lib, 'script:tool-call');
    const md = await exportString(lib, message(messageId, 'md'));
    expect(md).toContain('**Tool call** `get_weather`');
    expect(md).toContain('"city": "Paris"');
    expect(md).toContain('Let me look that up.');
  });

  test('says how a reply that failed ended', async () => {
    const lib = await openLibrary(fake.url());
    const { messageId } = await send(lib, 'script:error-after-3');
    const md = await exportString(lib, message(messageId, 'md'));
    expect(md).toMatch(/> \*\*Error \(\w+\):\*\* /);
  });
});

describe('conversation export', () => {
  test('json carries every message with parts, status, timestamps and its streams', async () => {
    const lib = await openLibrary(fake.url());
    const first = await send(lib, 'script:hello', { prompt: 'first question' });
    await send(lib, 'script:split-utf8', { prompt: 'second', conversationId: first.conversationId });
    const doc = JSON.parse(
      await exportString(lib, { kind: 'conversation', conversationId: first.conversationId, format: 'json' }),
    ) as {
      format: string;
      conversation: { id: string };
      messages: {
        role: string;
        status: string;
        createdAt: number;
        parts: { type: string; text?: string }[];
        streams: { model: string; status: string; startedAt: number }[];
      }[];
    };
    expect(doc.format).toBe('spool-conversation');
    expect(doc.conversation.id).toBe(first.conversationId);
    expect(doc.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'complete'],
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
    expect(doc.messages[0]!.parts).toEqual([{ type: 'text', text: 'first question' }]);
    expect(doc.messages[3]!.parts.find((p) => p.type === 'text')!.text).toBe(SPLIT_UTF8_TEXT);
    expect(doc.messages[1]!.streams).toEqual([
      expect.objectContaining({ model: 'script:hello', status: 'complete', startedAt: expect.any(Number) }),
    ]);
    expect(doc.messages.every((m) => typeof m.createdAt === 'number')).toBe(true);
  });

  test('md has the title and each message under its role', async () => {
    const lib = await openLibrary(fake.url());
    const sent = await send(lib, 'script:hello', { prompt: 'What is Spool?' });
    const md = await exportString(lib, {
      kind: 'conversation',
      conversationId: sent.conversationId,
      format: 'md',
    });
    expect(md.startsWith('# What is Spool?\n')).toBe(true);
    expect(md).toMatch(/## User · .*\n\nWhat is Spool\?/);
    expect(md).toMatch(/## Assistant · complete · .*Fake \/ script:hello/);
    expect(md).toContain(DEFAULT_TEXT);
  });
});

describe('library export', () => {
  test('json streams every conversation and reports progress up to the total', async () => {
    const lib = await openLibrary(fake.url());
    const a = await send(lib, 'script:hello', { prompt: 'alpha' });
    const b = await send(lib, 'script:split-utf8', { prompt: 'beta' });
    const progress: { done: number; total: number }[] = [];
    const out = path.join(lib.dir, 'library.json');
    const saved = await lib.exporter.saveTo({ kind: 'library', format: 'json' }, out, (p) =>
      progress.push(p),
    );
    const doc = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      format: string;
      conversations: { conversation: { id: string }; messages: { id: string }[] }[];
    };
    expect(doc.format).toBe('spool-library');
    expect(doc.conversations.map((c) => c.conversation.id).sort()).toEqual(
      [a.conversationId, b.conversationId].sort(),
    );
    expect(doc.conversations.flatMap((c) => c.messages.map((m) => m.id))).toContain(b.messageId);
    expect(saved.bytes).toBe(fs.statSync(out).size);
    expect(progress.at(-1)).toEqual({ done: 4, total: 4 });
    expect(fs.readdirSync(lib.dir).some((f) => f.includes('.partial-'))).toBe(false);
  });

  test('markdown-folder writes one file per conversation with safe names, never overwriting', async () => {
    const lib = await openLibrary(fake.url());
    await send(lib, 'script:hello', { prompt: 'a/b: c*d? <e> "f" | con' });
    await send(lib, 'script:hello', { prompt: 'second chat' });
    const dir = path.join(lib.dir, 'md-out');
    fs.mkdirSync(dir);
    const saved = await lib.exporter.saveTo({ kind: 'library', format: 'markdown-folder' }, dir);
    const files = fs.readdirSync(dir).sort();
    expect(saved.files).toBe(2);
    expect(files).toHaveLength(2);
    for (const f of files) expect(f).toMatch(/^[^/\\:*?"<>|]+ \([^)]+\)\.md$/);
    expect(files.some((f) => f.startsWith('a b c d e f con ('))).toBe(true);
    const again = await lib.exporter.saveTo({ kind: 'library', format: 'markdown-folder' }, dir);
    expect(again.files).toBe(2);
    expect(fs.readdirSync(dir)).toHaveLength(4);
    const text = fs.readFileSync(
      path.join(
        dir,
        files.find((f) => f.startsWith('second'))!,
      ),
      'utf8',
    );
    expect(text).toContain('# second chat');
    expect(text).toContain(DEFAULT_TEXT);
  });

  test('markdown-folder as a stream is a tar archive of that folder', async () => {
    const lib = await openLibrary(fake.url());
    await send(lib, 'script:hello', { prompt: 'tarred' });
    const tar = await exportBytes(lib, { kind: 'library', format: 'markdown-folder' });
    expect(tar.length % 512).toBe(0);
    expect(tar.subarray(257, 262).toString('ascii')).toBe('ustar');
    const file = path.join(lib.dir, 'spool-library.tar');
    fs.writeFileSync(file, tar);
    const names = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^spool-library\/tarred \(.+\)\.md$/);
    expect(execFileSync('tar', ['-xOf', file, names[0]!], { encoding: 'utf8' })).toContain(DEFAULT_TEXT);
  });
});

describe('unknown ids', () => {
  test('an unknown message id is a NOT_FOUND error, and no file is left behind', async () => {
    const lib = await openLibrary(fake.url());
    const out = path.join(lib.dir, 'x.txt');
    await expect(lib.exporter.saveTo(message('nope', 'text'), out)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(fs.readdirSync(lib.dir).filter((f) => f.startsWith('x.txt'))).toEqual([]);
  });
});
