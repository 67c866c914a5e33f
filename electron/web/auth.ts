import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the browser-mode host: only a page on this machine's loopback
 * that holds the token printed at start-up. Pure functions over request headers,
 * so every rule is testable on its own.
 */

/** 256 random bits, URL-safe, so it travels in a query string and a cookie unencoded. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,256}$/;

export function assertUsableToken(token: string): void {
  if (!TOKEN_SHAPE.test(token)) {
    throw new Error('A browser-mode token must be 16–256 characters of A–Z, a–z, 0–9, _ or -.');
  }
}

/**
 * Cookies are scoped by host, not by port, so two Spool hosts on 127.0.0.1 would
 * overwrite each other's cookie; the port in the name keeps them apart.
 */
export function tokenCookieName(port: number): string {
  return `spool_token_${port}`;
}

export function tokenCookie(port: number, token: string): string {
  return `${tokenCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/** Compares in constant time; hashing first makes the lengths equal. */
export function tokensMatch(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

export type TokenSource = 'query' | 'cookie';

/** Where a valid token came from, or null when the request carries none that matches. */
export function authenticate(
  req: IncomingMessage,
  url: URL,
  port: number,
  token: string,
): TokenSource | null {
  if (tokensMatch(url.searchParams.get('token') ?? undefined, token)) return 'query';
  if (tokensMatch(readCookie(req.headers.cookie, tokenCookieName(port)), token)) return 'cookie';
  return null;
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
