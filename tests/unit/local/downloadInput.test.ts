/**
 * Malformed download input is the caller's to fix: BAD_REQUEST with the reason, never
 * INTERNAL; a redirect that can never work (file:, a broken Location) fails at once
 * instead of being retried.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DownloadManager } from '../../../electron/core/local/download/DownloadManager';
import { openCore, type TestCore } from '../chat/helpers';
import { makeTempDir } from '../../helpers/tempDir';

let t: TestCore;
let tmp: ReturnType<typeof makeTempDir>;
afterEach(async () => {
  await t?.core.close();
  expect(t?.recorded.internalErrors ?? []).toEqual([]);
  tmp?.cleanup();
});

describe('localModels.download answers BAD_REQUEST', () => {
  it.each([
    ['a URL whose name climbs out of the models folder', { url: 'http://127.0.0.1:9/..%2F..%2Fevil.gguf' }],
    ['a URL whose name holds a NUL', { url: 'http://127.0.0.1:9/a%00b.gguf' }],
    ['a file name with a control character', { url: 'http://127.0.0.1:9/x.gguf', fileName: 'a\u0001.gguf' }],
    [
      'a file name that is too long',
      { url: 'http://127.0.0.1:9/x.gguf', fileName: `${'a'.repeat(300)}.gguf` },
    ],
    ['a URL that is not one', { url: 'http://[::1' }],
    ['a file: URL', { url: 'file:///etc/passwd' }],
  ])('for %s', async (_what, request) => {
    tmp = makeTempDir('spool-dl-input-');
    t = openCore(tmp.dir);
    const result = await t.call('localModels.download', request);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(JSON.stringify(result)).not.toMatch(/\n\s+at /);
  });

  it('for a path with a NUL in localModels.add', async () => {
    tmp = makeTempDir('spool-dl-input-');
    t = openCore(tmp.dir);
    const result = await t.call('localModels.add', { path: '/tmp/a\u0000b.gguf' });
    expect(result.ok).toBe(false);
    expect(result).not.toMatchObject({ error: { code: 'INTERNAL' } });
  });
});

describe('a redirect that cannot work', () => {
  let server: http.Server;
  let base: string;
  let requests = 0;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests++;
      const location = req.url === '/to-file.gguf' ? 'file:///etc/passwd' : 'http://[broken';
      res.writeHead(302, { location }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it.each([
    ['to a file: URL', 'to-file.gguf', /file:/],
    ['to a Location that is no URL', 'to-broken.gguf', /not a valid URL/],
  ])('%s ends in an error after one request, not retried', async (_what, name, message) => {
    tmp = makeTempDir('spool-dl-redirect-');
    t = openCore(tmp.dir);
    const m = new DownloadManager({
      modelsDir: path.join(tmp.dir, 'models'),
      onChange: () => {},
      onComplete: () => {},
      retryDelayMs: 10,
      maxRetries: 5,
    });
    requests = 0;
    const end = await m.settled((await m.start({ url: `${base}/${name}` })).id);
    expect(end).toMatchObject({ state: 'error', error: expect.stringMatching(message) });
    expect(requests).toBe(1);
    await m.close();
  });
});
