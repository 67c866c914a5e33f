import { describe, expect, it } from 'vitest';
import {
  APP_INDEX_URL,
  appLocation,
  isAllowedExternalUrl,
  isAppOrigin,
  isAppUrl,
} from '../../../electron/main/appUrl';
import { parseMainArgs } from '../../../electron/main/args';

describe('isAllowedExternalUrl', () => {
  it('accepts http and https links', () => {
    expect(isAllowedExternalUrl('https://example.com/docs')).toBe(true);
    expect(isAllowedExternalUrl('http://example.com')).toBe(true);
  });

  it('refuses file:, javascript:, data: and custom schemes', () => {
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'smb://host/share',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://file/etc/passwd',
      'mailto:someone@example.com',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });

  it('refuses strings that are not URLs and links carrying credentials', () => {
    expect(isAllowedExternalUrl('not a url')).toBe(false);
    expect(isAllowedExternalUrl('')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pass@example.com')).toBe(false);
  });
});

describe('isAppUrl', () => {
  const built = appLocation(undefined);
  const dev = appLocation('http://localhost:5173/');

  it('serves the built app at app://spool/index.html, never from file://', () => {
    expect(built).toEqual({ kind: 'app', url: 'app://spool/index.html' });
    expect(APP_INDEX_URL).toBe('app://spool/index.html');
  });

  it("accepts the built app's own page, with any query or hash", () => {
    expect(isAppUrl('app://spool/index.html', built)).toBe(true);
    expect(isAppUrl('app://spool/index.html#/c/1', built)).toBe(true);
    expect(isAppUrl('app://spool/', built)).toBe(true);
  });

  it('refuses another path of the app, another host on its scheme, and any file:// page', () => {
    expect(isAppUrl('app://spool/assets/index.js', built)).toBe(false);
    expect(isAppUrl('app://evil/index.html', built)).toBe(false);
    expect(isAppUrl('app://user@spool/index.html', built)).toBe(false);
    expect(isAppUrl('file:///opt/spool/out/renderer/index.html', built)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', built)).toBe(false);
  });

  it('refuses web pages when the app is built', () => {
    expect(isAppUrl('https://example.com/', built)).toBe(false);
    expect(isAppUrl('https://spool/index.html', built)).toBe(false);
  });

  it("accepts the dev server's origin in development, and nothing else", () => {
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('app://spool/index.html', dev)).toBe(false);
  });

  it('refuses garbage', () => {
    expect(isAppUrl('::::', built)).toBe(false);
  });
});

describe('isAppOrigin', () => {
  it("accepts the app's origin as Chromium reports it, and any URL on it", () => {
    const built = appLocation(undefined);
    expect(isAppOrigin('app://spool', built)).toBe(true);
    expect(isAppOrigin('app://spool/index.html#/c/1', built)).toBe(true);
  });

  it('refuses other origins, file:// and garbage', () => {
    const built = appLocation(undefined);
    for (const origin of ['app://other', 'https://spool', 'file:///', 'null', '', '::::'])
      expect(isAppOrigin(origin, built), origin).toBe(false);
  });

  it("accepts only the dev server's origin in development", () => {
    const dev = appLocation('http://localhost:5173/');
    expect(isAppOrigin('http://localhost:5173', dev)).toBe(true);
    expect(isAppOrigin('app://spool', dev)).toBe(false);
  });
});

describe('parseMainArgs', () => {
  it('reads --data-dir among the switches Electron and Chromium add', () => {
    const args = parseMainArgs([
      '/usr/bin/electron',
      '.',
      '--no-sandbox',
      '--data-dir',
      '/tmp/lib',
      '--inspect=9229',
    ]);
    expect(args.dataDir).toBe('/tmp/lib');
  });

  it('leaves the data dir to the default when the flag is absent', () => {
    expect(parseMainArgs(['/usr/bin/electron', '.']).dataDir).toBeUndefined();
  });
});
