import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the browser-mode host: only a page on this machine's loopback
 * that holds the token printed at start-up. The token never rides in a cookie
 * (cookies are not port-scoped: every other server on 127.0.0.1 would receive it);
 * the page keeps it in memory and per-tab session storage and presents it itself.
 * Pure functions over request headers, so every rule is testable on its own.
 */

/** 256 random bits, URL-safe, so it travels in a query string unencoded. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,256}$/;

export function assertUsableToken(token: string): void {
  if (!TOKEN_SHAPE.test(token)) {
    throw new Error('A browser-mode token must be 16–256 characters of A–Z, a–z, 0–9, _ or -.');
  }
}

/** Compares in constant time; hashing first makes the lengths equal. */
export function tokensMatch(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** The token a request carries: `Authorization: Bearer …` (the page's fetches) or `?token=` (its WebSocket). */
export function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return url.searchParams.get('token') ?? undefined;
}

export function authenticate(req: IncomingMessage, url: URL, token: string): boolean {
  return tokensMatch(presentedToken(req, url), token);
}

/** The names this host answers to; anything else is a DNS-rebinding attempt. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((h) => `http://${h}`);
}

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader !== undefined && allowedHosts(port).includes(hostHeader.toLowerCase());
}

/**
 * A missing Origin is fine for plain HTTP (a top-level navigation sends none), but
 * a WebSocket upgrade from a browser always carries one, so there it is required.
 */
export function isAllowedOrigin(
  originHeader: string | undefined,
  port: number,
  { required }: { required: boolean },
): boolean {
  if (originHeader === undefined) return !required;
  return allowedOrigins(port).includes(originHeader.toLowerCase());
}
