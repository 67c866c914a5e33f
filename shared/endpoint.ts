/**
 * Whether two base URLs name the same endpoint, as far as where a stored API key may
 * go: same scheme, host, port and path (a trailing slash or a default port is no
 * difference). Used by main to bind a key to the URL it was saved with, and by the
 * provider form to say that changing the URL drops the key.
 */
export function normalizeEndpoint(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return undefined;
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export function sameEndpoint(a: string, b: string): boolean {
  const left = normalizeEndpoint(a);
  return left !== undefined && left === normalizeEndpoint(b);
}
