import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveStatic } from '../../../electron/web/static';
import { makeStaticDir } from './helpers';

const root = makeStaticDir();

describe('resolveStatic', () => {
  it('maps / to index.html', () => {
    expect(resolveStatic(root, '/')).toEqual({
      kind: 'file',
      file: path.join(root, 'index.html'),
      html: true,
    });
  });

  it('maps an asset path to its file', () => {
    expect(resolveStatic(root, '/assets/app.js')).toEqual({
      kind: 'file',
      file: path.join(root, 'assets', 'app.js'),
      html: false,
    });
  });

  it('refuses encoded traversal, backslashes and NUL bytes as bad paths', () => {
    for (const p of [
      '/..%2f..%2fetc%2fpasswd',
      '/assets/%2e%2e%5c%2e%2e%5cwin.ini',
      '/index.html%00.js',
      '/%E0%A4%A',
    ]) {
      expect(resolveStatic(root, p).kind, p).toBe('bad-path');
    }
  });

  it('refuses a path with .. segments', () => {
    expect(resolveStatic(root, '/assets/../../../etc/passwd.txt').kind).toBe('bad-path');
  });

  it('answers a missing asset with not-found rather than the page', () => {
    expect(resolveStatic(root, '/assets/nope.js').kind).toBe('not-found');
  });

  it('answers an extension-less route with index.html', () => {
    expect(resolveStatic(root, '/settings')).toMatchObject({ kind: 'file', html: true });
  });
});

describe('contentTypeFor', () => {
  it('names the types the renderer build produces', () => {
    expect(contentTypeFor('a.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });
});
