/**
 * Property-based fuzz of what Spool parses from outside: GGUF headers (Spool's own
 * reader) and providers' SSE streams (through streamReply, over real HTTP), and the report
 * zip Spool writes, read back by unzip. Whatever the bytes: no crash, no hang, a typed outcome.
 */
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZip } from '../../../electron/core/diagnostics/zip';
import { GgufFormatError, parseGgufHeader } from '../../../electron/core/local/gguf/ggufHeader';
import { TERMINAL_CHUNK_TYPES } from '../../../shared/chunks';
import { reply, replyOptions } from '../providers/helpers';
import { u32, u64 } from '../files/craftedGguf';
import fs from 'node:fs';
import { HAS_MODEL, TEST_MODEL } from '../local/model';
import { makeTempDir } from '../../helpers/tempDir';

const source = (bytes: Uint8Array) => {
  const buffer = Buffer.from(bytes);
  return {
    size: buffer.length,
    read: (position: number, length: number) => buffer.subarray(position, position + length),
  };
};

/** Either a header or a GgufFormatError; anything else (a RangeError, a hang) fails the property. */
function parsesOrRefuses(bytes: Uint8Array): void {
  try {
    const header = parseGgufHeader(source(bytes));
    expect(header.tensorCount).toBeLessThanOrEqual(bytes.length);
  } catch (err) {
    if (!(err instanceof GgufFormatError)) throw err;
  }
}

describe('the GGUF header reader, fuzzed', () => {
  it('answers any bytes after a valid magic and version with a header or a typed error', () => {
    const prefix = Buffer.concat([Buffer.from('GGUF'), u32(3)]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (rest) =>
        parsesOrRefuses(Buffer.concat([prefix, rest])),
      ),
      { numRuns: 2000 },
    );
  });

  it('answers headers built from plausible fields with lying counts and lengths', () => {
    const field = fc.oneof(
      fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(u64),
      fc.integer({ min: 0, max: 2 ** 32 - 1 }).map(u32),
      fc.constantFrom(u32(8), u32(9), u32(4), u64(1n), u64(3n)),
      fc.uint8Array({ maxLength: 16 }).map((b) => Buffer.from(b)),
    );
    fc.assert(
      fc.property(fc.array(field, { maxLength: 40 }), (fields) =>
        parsesOrRefuses(Buffer.concat([Buffer.from('GGUF'), u32(3), ...fields])),
      ),
      { numRuns: 2000 },
    );
  });

  it.skipIf(!HAS_MODEL)('answers the real model’s header with bytes flipped, cut or both', () => {
    const head = fs.readFileSync(TEST_MODEL).subarray(0, 64 * 1024);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(head.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat(head.length),
        (flips, cut) => {
          const bytes = Buffer.from(head.subarray(0, cut));
          for (const [at, value] of flips) if (at < bytes.length) bytes[at] = value;
          parsesOrRefuses(bytes);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** A server that answers every request with the body it is told to, as an event stream. */
let server: http.Server;
let url = '';
let body: Buffer = Buffer.alloc(0);
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const sseEvent = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => `data: ${JSON.stringify(v)}\n\n`),
  fc
    .record({ content: fc.string(), finish: fc.constantFrom(null, 'stop', 'length', 42) })
    .map(
      ({ content, finish }) =>
        `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`,
    ),
  fc
    .record({
      type: fc.constantFrom('message_start', 'content_block_delta', 'message_delta', 'error', 'ping'),
      text: fc.string(),
    })
    .map(
      ({ type, text }) =>
        `event: ${type}\ndata: ${JSON.stringify({ type, delta: { type: 'text_delta', text } })}\n\n`,
    ),
  fc.string().map((s) => `${s}\n`),
  fc.constant('data: [DONE]\n\n'),
);

describe('SSE from a provider, fuzzed', () => {
  for (const kind of ['openai-compatible', 'anthropic'] as const) {
    it(`an ${kind} stream of any events ends with exactly one terminal chunk, never a throw`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(sseEvent, { maxLength: 12 }), async (events) => {
          body = Buffer.from(events.join(''));
          const chunks = await reply(
            replyOptions(url, 'fuzz', {
              kind,
              retry: { maxRetries: 0 },
              firstChunkTimeoutMs: 5000,
              idleTimeoutMs: 5000,
            }),
          );
          const terminal = chunks.filter((c) => TERMINAL_CHUNK_TYPES.has(c.type));
          expect(terminal).toHaveLength(1);
          expect(chunks[chunks.length - 1]).toBe(terminal[0]);
        }),
        { numRuns: 40 },
      );
    }, 120_000);
  }
});

describe('the report zip, fuzzed', () => {
  it('holds any entries so that unzip (an independent reader) tests it clean and reads back every byte', () => {
    const dir = makeTempDir('spool-fuzz-zip-').dir;
    try {
      fc.assert(
        fc.property(
          fc.uniqueArray(
            fc.record({
              // A leading '-' would read as an option on unzip's command line, not a name.
              name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,19}\.(txt|json|jsonl)$/),
              data: fc.oneof(
                fc.string({ unit: 'grapheme', maxLength: 200 }),
                fc.uint8Array({ maxLength: 300 }),
              ),
            }),
            { selector: (e) => e.name, minLength: 1, maxLength: 5 },
          ),
          (entries) => {
            const file = path.join(dir, 'fuzz.zip');
            fs.writeFileSync(file, writeZip(entries, new Date(2026, 0, 1)));
            expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
            for (const entry of entries) {
              const expected =
                typeof entry.data === 'string' ? Buffer.from(entry.data) : Buffer.from(entry.data);
              expect(execFileSync('unzip', ['-p', file, entry.name]).equals(expected)).toBe(true);
            }
          },
        ),
        { numRuns: 15 },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
