import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { SpoolCoreOptions } from '../../../electron/core/SpoolCore';
import { startWebHost, type WebHost } from '../../../electron/web/server';
import { reportDownloadPath, type DiagnosticsReport } from '../../../shared/api/schemas/diagnostics';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { addProvider, settled } from '../chat/helpers';
import { openLibrary, type LibraryTest } from '../library/helpers';
import { makeStaticDir } from '../web/helpers';

let fake: FakeProvider;
beforeAll(async () => {
  fake = await startFakeProvider({ tokensPerSecond: 0 });
});
afterAll(() => fake.close());

let t: LibraryTest;
let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
  await t.cleanup();
});

function get(port: number, pathAndQuery: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      http
        .get(
          { host: '127.0.0.1', port, path: pathAndQuery, headers: { host: `127.0.0.1:${port}` } },
          (res) => {
            const parts: Buffer[] = [];
            res.on('data', (b: Buffer) => parts.push(b));
            res.on('end', () =>
              resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) }),
            );
          },
        )
        .on('error', reject);
    },
  );
}

/** A library with one reply and a report written that includes its chunk log. */
async function reported(options: Partial<SpoolCoreOptions> = {}) {
  t = openLibrary(options);
  await addProvider(t, fake.url);
  const conversationId = t.core.conversations.create('reported').id;
  const { reply } = await t.ok<SentMessage>('chat.send', { conversationId, text: 'hi' });
  await settled(t.core, reply.message.id);
  return t.ok<DiagnosticsReport>('diagnostics.report', { messageId: reply.message.id });
}

async function served(options: Partial<SpoolCoreOptions> = {}) {
  const report = await reported(options);
  host = await startWebHost({ core: t.core, staticDir: makeStaticDir() });
  const { port, token } = host;
  return {
    report,
    fetch: (p: string) => get(port, `${p}${p.includes('?') ? '&' : '?'}token=${token}`),
    port,
  };
}

describe('browser mode: GET /report downloads a written report', () => {
  it('serves the zip as an attachment named like the file', async () => {
    const { report, fetch } = await served();
    expect(report.downloadPath).toBe(reportDownloadPath(report.fileName));
    expect(report.canShowInFolder).toBe(false);
    const res = await fetch(report.downloadPath);
    expect(res.status).toBe(200);
    expect(res.body.equals(fs.readFileSync(report.path))).toBe(true);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${report.fileName}"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a request without the token, like every other route', async () => {
    const { report, port } = await served();
    const res = await get(port, report.downloadPath);
    expect(res.status).toBe(401);
    expect(res.body.includes(Buffer.from('PK'))).toBe(false);
  });

  it('refuses path traversal and any name that is not a report: nothing outside reports/ is ever served', async () => {
    const { fetch } = await served();
    const dbHeader = Buffer.from('SQLite format 3');
    for (const name of [
      '../spool.db',
      '..%2Fspool.db',
      '..\\spool.db',
      '/etc/passwd',
      'spool-report-../../spool.db',
      'spool-report-x.zip/../../spool.db',
      'spool-report-%2e%2e%2fspool.zip',
      '',
    ]) {
      const res = await fetch(`/report?file=${encodeURIComponent(name)}`);
      expect(res.status, name).toBe(400);
      expect(res.body.includes(dbHeader), name).toBe(false);
    }
    // Right shape, but not a file in the folder: a symlink out of it is not followed.
    fs.symlinkSync(path.join(t.dir, 'spool.db'), path.join(t.dir, 'reports', 'spool-report-link.zip'));
    for (const name of ['spool-report-link.zip', 'spool-report-missing.zip']) {
      const res = await fetch(reportDownloadPath(name));
      expect(res.status, name).toBe(404);
      expect(res.body.includes(dbHeader), name).toBe(false);
    }
  });
});

describe('diagnostics.showReport', () => {
  it('on the desktop, shows a written report in its folder', async () => {
    const shown: string[] = [];
    const report = await reported({ showInFolder: (file) => shown.push(file) });
    expect(report.canShowInFolder).toBe(true);
    await t.ok('diagnostics.showReport', { fileName: report.fileName });
    expect(shown).toEqual([report.path]);
    expect(await t.call('diagnostics.showReport', { fileName: 'spool-report-none.zip' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await t.call('diagnostics.showReport', { fileName: '../spool.db' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(shown).toHaveLength(1);
  });

  it('where there is no file manager (browser mode), says so: the page downloads instead', async () => {
    const report = await reported();
    expect(await t.call('diagnostics.showReport', { fileName: report.fileName })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
  });
});
