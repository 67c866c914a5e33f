/**
 * Browser mode's token, kept by the page and nowhere else: read once from the URL the
 * host printed, then kept in this tab's session storage (same origin only — another
 * port is another origin — and gone with the tab), and taken out of the address bar
 * and history entry at once. A reload finds it in session storage.
 */
const KEY = 'spool.token';

/** Structural, so tests (and Node's type check) need no DOM: window.location, history, sessionStorage fit. */
export interface TokenPlace {
  location: { search: string; pathname: string; hash: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string | null): void };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

export function takeToken({ location, history, storage }: TokenPlace): string {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl === null) return storage.getItem(KEY) ?? '';
  storage.setItem(KEY, fromUrl);
  params.delete('token');
  const query = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  return fromUrl;
}

/** The token this tab holds (after takeToken ran), for requests the API client does not make. */
export function storedToken(storage: Pick<TokenPlace['storage'], 'getItem'>): string | null {
  return storage.getItem(KEY);
}
