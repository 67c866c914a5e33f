import { describe, expect, it } from 'vitest';
import { takeToken } from '../../../renderer/src/api/browserToken';

function place(search: string) {
  const stored = new Map<string, string>();
  const replaced: string[] = [];
  return {
    replaced,
    stored,
    at: (s: string) => ({
      location: { search: s, pathname: '/', hash: '#x' },
      history: {
        state: null,
        replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)),
      },
      storage: {
        getItem: (k: string) => stored.get(k) ?? null,
        setItem: (k: string, v: string) => void stored.set(k, v),
      },
    }),
    search,
  };
}

describe('the browser-mode token in the page', () => {
  it('is taken out of the address bar once read, keeping the rest of the URL', () => {
    const p = place('');
    expect(takeToken(p.at('?token=abc&view=1'))).toBe('abc');
    expect(p.replaced).toEqual(['/?view=1#x']);
  });

  it('is found again after a reload, from this tab’s session storage', () => {
    const p = place('');
    takeToken(p.at('?token=abc'));
    expect(takeToken(p.at(''))).toBe('abc');
    expect(p.replaced).toHaveLength(1);
  });
});
