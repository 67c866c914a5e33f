import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_JS, INDEX_HTML, request, startTestHost, upgradeStatus, type TestHost } from './helpers';

let t: TestHost;
beforeAll(async () => {
  t = await startTestHost();
});
afterAll(async () => {
  await t.stop();
});

describe('browser-mode host: the token', () => {
  it('serves the page and its assets without the token: they are the public app, no data', async () => {
    const page = await request(t.host.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const asset = await request(t.host.port, '/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe(APP_JS);
  });

  it('never sets a cookie, not even for the page opened with the token', async () => {
    const res = await request(t.host.port, `/?token=${t.host.token}`);
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('answers the access check 204 for the token and 401 for a wrong one or none', async () => {
    const check = (headers: Record<string, string>) => request(t.host.port, '/auth/check', headers);
    expect((await check({ Authorization: `Bearer ${t.host.token}` })).status).toBe(204);
    expect((await check({ Authorization: `Bearer ${t.host.token.slice(1)}x` })).status).toBe(401);
    expect((await check({})).status).toBe(401);
  });

  it('refuses a WebSocket upgrade without the token with 401', async () => {
    const status = await upgradeStatus(`ws://127.0.0.1:${t.host.port}/api`, { Origin: t.origin });
    expect(status).toBe(401);
  });

  it('refuses a WebSocket upgrade with a wrong token with 401', async () => {
    const status = await upgradeStatus(`ws://127.0.0.1:${t.host.port}/api?token=${t.host.token.slice(1)}x`, {
      Origin: t.origin,
    });
    expect(status).toBe(401);
  });

  it('accepts a WebSocket upgrade with the token and our Origin', async () => {
    const status = await upgradeStatus(`ws://127.0.0.1:${t.host.port}/api?token=${t.host.token}`, {
      Origin: t.origin,
    });
    expect(status).toBe(101);
  });

  it('refuses a WebSocket upgrade that carries the token only in a cookie', async () => {
    const status = await upgradeStatus(`ws://127.0.0.1:${t.host.port}/api`, {
      Origin: t.origin,
      Cookie: `spool_token_${t.host.port}=${t.host.token}`,
    });
    expect(status).toBe(401);
  });
});

describe('browser-mode host: Host and Origin', () => {
  it('refuses a foreign Host header with 403, even with the token (DNS rebinding)', async () => {
    const res = await request(t.host.port, `/?token=${t.host.token}`, {
      Host: `evil.example:${t.host.port}`,
    });
    expect(res.status).toBe(403);
  });

  it('refuses our host name on another port with 403', async () => {
    const res = await request(t.host.port, `/?token=${t.host.token}`, {
      Host: `127.0.0.1:${t.host.port + 1}`,
    });
    expect(res.status).toBe(403);
  });

  it('answers to localhost:<port> as well', async () => {
    const res = await request(t.host.port, `/?token=${t.host.token}`, { Host: `localhost:${t.host.port}` });
    expect(res.status).toBe(200);
  });

  it('refuses a foreign Origin on HTTP with 403', async () => {
    const res = await request(t.host.port, `/?token=${t.host.token}`, { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
  });

  it('refuses a foreign Origin on the WebSocket upgrade with 403', async () => {
    const status = await upgradeStatus(`ws://127.0.0.1:${t.host.port}/api?token=${t.host.token}`, {
      Origin: 'http://evil.example',
    });
    expect(status).toBe(403);
  });

  it('refuses a WebSocket upgrade with no Origin with 403', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${t.host.port}/api?token=${t.host.token}`, {})).toBe(403);
  });

  it('refuses a WebSocket upgrade on a path other than /api with 404', async () => {
    const status = await upgradeStatus(`ws://127.0.0.1:${t.host.port}/other?token=${t.host.token}`, {
      Origin: t.origin,
    });
    expect(status).toBe(404);
  });
});

describe('browser-mode host: responses', () => {
  it('sends the strict CSP and the hardening headers with the page', async () => {
    const res = await request(t.host.port, `/?token=${t.host.token}`);
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers a missing asset with 404', async () => {
    expect((await request(t.host.port, `/assets/missing.js?token=${t.host.token}`)).status).toBe(404);
  });

  it('answers a missing favicon with an empty 204, not a console-cluttering 404', async () => {
    expect((await request(t.host.port, `/favicon.ico?token=${t.host.token}`)).status).toBe(204);
  });

  it('answers a client-side route with the page (SPA fallback)', async () => {
    const res = await request(t.host.port, `/conversations/abc?token=${t.host.token}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const p of [
      '/../../../../etc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
    ]) {
      const res = await request(t.host.port, `${p}?token=${t.host.token}`);
      // Either refused, or the path was folded back inside and got the page itself.
      expect(res.body, p).not.toContain('root:');
      if (res.status === 200) expect(res.body, p).toBe(INDEX_HTML);
      else expect(res.status, p).toBeGreaterThanOrEqual(400);
    }
  });

  it('refuses methods other than GET and HEAD with 405', async () => {
    expect((await request(t.host.port, `/?token=${t.host.token}`, {}, 'POST')).status).toBe(405);
  });
});
