import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { IMPORT_UPLOAD_HTTP_PATH } from '../../../shared/api/schemas/import';
import { startWebHost, type WebHost } from '../../../electron/web/server';
import { makeStaticDir } from '../web/helpers';
import { chatgptSmall } from './fixtures';
import { counts, openLib } from './helpers';

const hosts: WebHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

function post(port: number, pathAndQuery: string, body: string, origin: string | null) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: pathAndQuery,
        headers: { host: `127.0.0.1:${port}`, ...(origin ? { origin } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser mode upload: POST /import-upload', () => {
  test('streams the file into the data dir, and import.start imports it and removes it', async () => {
    const lib = openLib();
    const host = await startWebHost({ core: lib.core, staticDir: makeStaticDir() });
    hosts.push(host);
    const body = JSON.stringify([chatgptSmall(1), chatgptSmall(2)]);
    const res = await post(
      host.port,
      `${IMPORT_UPLOAD_HTTP_PATH}?token=${host.token}`,
      body,
      `http://127.0.0.1:${host.port}`,
    );
    expect(res.status).toBe(200);
    const { uploadId, bytes } = JSON.parse(res.body) as { uploadId: string; bytes: number };
    expect(bytes).toBe(Buffer.byteLength(body));
    const uploaded = path.join(lib.dir, 'imports', `${uploadId}.upload`);
    expect(fs.readFileSync(uploaded, 'utf8')).toBe(body);

    const { importId } = lib.core.imports.start({ uploadId });
    expect(await lib.core.imports.settled(importId)).toMatchObject({ state: 'done', conversationsAdded: 2 });
    expect(fs.existsSync(uploaded)).toBe(false);
  });

  test('refuses an upload without the token or from another origin, and writes nothing', async () => {
    const lib = openLib();
    const host = await startWebHost({ core: lib.core, staticDir: makeStaticDir() });
    hosts.push(host);
    const own = `http://127.0.0.1:${host.port}`;
    expect((await post(host.port, IMPORT_UPLOAD_HTTP_PATH, '[]', own)).status).toBe(401);
    const path1 = `${IMPORT_UPLOAD_HTTP_PATH}?token=${host.token}`;
    expect((await post(host.port, path1, '[]', 'http://evil.example')).status).toBe(403);
    expect((await post(host.port, path1, '[]', null)).status).toBe(403);
    expect(fs.existsSync(path.join(lib.dir, 'imports'))).toBe(false);
    expect(counts(lib).conversations).toBe(0);
  });

  test('an upload id that names no upload is NOT_FOUND, one that is not an id is BAD_REQUEST', () => {
    const lib = openLib();
    expect(() => lib.core.imports.start({ uploadId: '00000000-0000-4000-8000-000000000000' })).toThrow(
      /No such upload/,
    );
    expect(() => lib.core.imports.start({ uploadId: '../../etc/passwd' })).toThrow(/Not an upload id/);
  });
});

describe('leftover uploads', () => {
  test('an upload never imported is removed at launch once a day old, a younger one is kept', () => {
    const lib = openLib();
    const old = lib.core.imports.newUpload();
    const young = lib.core.imports.newUpload();
    fs.writeFileSync(old.file, '[]');
    fs.writeFileSync(young.file, '[]');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    fs.utimesSync(old.file, twoDaysAgo, twoDaysAgo);
    lib.core.imports.removeLeftoverUploads();
    expect(fs.existsSync(old.file)).toBe(false);
    expect(fs.existsSync(young.file)).toBe(true);
  });
});
