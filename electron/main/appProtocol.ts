import fs from 'node:fs/promises';
import type { CustomScheme, Protocol } from 'electron';
import { contentTypeFor, resolveStatic } from '../web/static';
import { APP_HOST, APP_SCHEME } from './appUrl';

/**
 * The built renderer is served at app://spool/ rather than loaded from file://, so
 * the GrantFileProtocolExtraPrivileges fuse can stay off (electron-builder.yml) and
 * the page is an ordinary secure origin: no file:// fetches of other local files, no
 * universal access for file:// frames. Only files under out/renderer are reachable.
 */

/** Registered before `ready`: standard (relative URLs, storage, an origin) and secure (a secure context). */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // No corsEnabled: nothing from another origin may read the app's files.
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** The members of Protocol the app uses (a test passes an object of this shape). */
export type HandlingProtocol = Pick<Protocol, 'handle'>;

/** Answers one app:// request from `rendererDir`, with the page's CSP on every response. */
export async function appResponse(url: string, rendererDir: string, csp: string): Promise<Response> {
  const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
  const parsed = new URL(url);
  if (parsed.host !== APP_HOST) return new Response('Not found.', { status: 404, headers });
  const target = resolveStatic(rendererDir, parsed.pathname);
  if (target.kind === 'bad-path') return new Response('Bad path.', { status: 400, headers });
  if (target.kind === 'not-found') return new Response('Not found.', { status: 404, headers });
  const body = await fs.readFile(target.file);
  return new Response(body, {
    status: 200,
    headers: {
      ...headers,
      'Content-Type': contentTypeFor(target.file),
      'Cache-Control': target.html ? 'no-store' : 'no-cache',
    },
  });
}

export function serveApp(protocol: HandlingProtocol, rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request.url, rendererDir, csp));
}
