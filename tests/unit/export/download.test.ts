import http from 'node:http';
import { afterEach, describe, expect, test } from 'vitest';
import { exportDownloadPath } from '../../../shared/api/schemas/export';
import { startWebHost, type WebHost } from '../../../electron/web/server';
import { SPLIT_UTF8_TEXT } from '../../fake-provider/script';
import { openLibrary, send, useFakeProvider } from './helpers';
import { makeStaticDir } from '../web/helpers';

const fake = useFakeProvider(0);
const hosts: WebHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

function get(
  port: number,
  path: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}` } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }),
        );
      })
      .on('error', reject);
  });
}

async function host() {
  const lib = await openLibrary(fake.url());
  const h = await startWebHost({ core: lib.core, staticDir: makeStaticDir() });
  hosts.push(h);
  return { lib, port: h.port, token: h.token };
}

describe('browser mode download: GET /export', () => {
  test('streams the export as an attachment with a safe file name', async () => {
    const { lib, port, token } = await host();
    const { messageId } = await send(lib, 'script:split-utf8');
    const path = exportDownloadPath({ kind: 'message', messageId, format: 'text' });
    const res = await get(port, `${path}&token=${token}`);
    expect(res.status).toBe(200);
    expect(res.body.equals(Buffer.from(SPLIT_UTF8_TEXT, 'utf8'))).toBe(true);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="spool-message-.{8}\.txt"/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('refuses a request without the token, like every other route', async () => {
    const { lib, port } = await host();
    const { messageId } = await send(lib, 'script:hello');
    const res = await get(port, exportDownloadPath({ kind: 'message', messageId, format: 'text' }));
    expect(res.status).toBe(401);
    expect(res.body.toString()).not.toContain('Hello');
  });

  test('answers 404 for an unknown id and 400 for a bad query', async () => {
    const { port, token } = await host();
    const missing = await get(port, `/export?kind=message&id=nope&format=text&token=${token}`);
    expect(missing.status).toBe(404);
    const bad = await get(port, `/export?kind=message&id=x&format=json&token=${token}`);
    expect(bad.status).toBe(400);
  });

  test('downloads the markdown folder as a .tar', async () => {
    const { lib, port, token } = await host();
    await send(lib, 'script:hello', { prompt: 'in a tar' });
    const res = await get(port, `/export?kind=library&format=markdown-folder&token=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-tar');
    expect(res.headers['content-disposition']).toContain('filename="spool-library.tar"');
    expect(res.body.subarray(257, 262).toString('ascii')).toBe('ustar');
    expect(res.body.toString('utf8')).toContain('# in a tar');
  });
});
