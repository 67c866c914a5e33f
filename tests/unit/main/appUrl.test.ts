import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appLocation, isAllowedExternalUrl, isAppUrl } from '../../../electron/main/appUrl';
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
  const file = '/opt/spool/out/renderer/index.html';
  const built = appLocation(undefined, file);
  const dev = appLocation('http://localhost:5173/', file);

  it("accepts the built app's own page, with any query or hash", () => {
    expect(isAppUrl(pathToFileURL(file).href, built)).toBe(true);
    expect(isAppUrl(pathToFileURL(file).href + '#/c/1', built)).toBe(true);
  });

  it('refuses another file, even beside the app page', () => {
    expect(isAppUrl('file:///opt/spool/out/renderer/other.html', built)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', built)).toBe(false);
  });

  it('refuses web pages when the app is built', () => {
    expect(isAppUrl('https://example.com/', built)).toBe(false);
  });

  it("accepts the dev server's origin in development, and nothing else", () => {
    expect(isAppUrl('http://localhost:5173/index.html', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl(pathToFileURL(file).href, dev)).toBe(false);
  });

  it('refuses garbage', () => {
    expect(isAppUrl('::::', built)).toBe(false);
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
