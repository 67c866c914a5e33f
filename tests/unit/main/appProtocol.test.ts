import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, appResponse, serveApp } from '../../../electron/main/appProtocol';
import { makeTempDir } from '../../helpers/tempDir';

/**
 * The app:// handler that replaces file:// for the built renderer: real files in a temp
 * folder, real fetch Request/Response objects (what protocol.handle passes and expects).
 */
const CSP = "default-src 'self'";
let root: string;

beforeAll(() => {
  root = makeTempDir('spool-app-protocol-').dir;
  fs.mkdirSync(path.join(root, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>Spool</title>');
  fs.writeFileSync(path.join(root, 'renderer', 'assets', 'index-abc.js'), 'export {};');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'not for the page');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const rendererDir = () => path.join(root, 'renderer');

describe('the app:// protocol', () => {
  it('is registered as a standard, secure scheme that other origins cannot read (no CORS)', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });

  it('serves the page at app://spool/index.html with its CSP, never cached', async () => {
    const res = await appResponse('app://spool/index.html', rendererDir(), CSP);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.text()).toContain('<title>Spool</title>');
  });

  it('serves scripts as JavaScript, so module scripts load', async () => {
    const res = await appResponse('app://spool/assets/index-abc.js', rendererDir(), CSP);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for a missing asset and for any other host', async () => {
    expect((await appResponse('app://spool/assets/missing.js', rendererDir(), CSP)).status).toBe(404);
    expect((await appResponse('app://other/index.html', rendererDir(), CSP)).status).toBe(404);
  });

  it('never reaches a file outside the renderer folder, however the path is encoded', async () => {
    for (const url of [
      'app://spool/%2e%2e/secret.txt',
      'app://spool/..%2fsecret.txt',
      'app://spool/assets/..%5c..%5csecret.txt',
      'app://spool/%00index.html',
    ]) {
      const res = await appResponse(url, rendererDir(), CSP);
      // 400 when the path decodes to '..', 404 when the URL parser already folded it away.
      expect([400, 404], url).toContain(res.status);
      expect(await res.text()).not.toContain('not for the page');
    }
  });

  it('is what serveApp hands to protocol.handle for the app scheme', async () => {
    let scheme = '';
    let handler: ((request: Request) => Promise<Response>) | undefined;
    serveApp(
      {
        handle: (s: string, h: (request: Request) => Promise<Response>) => {
          scheme = s;
          handler = h;
        },
      } as never,
      rendererDir(),
      CSP,
    );
    expect(scheme).toBe('app');
    const res = await handler!(new Request('app://spool/index.html'));
    expect(res.status).toBe(200);
  });
});
