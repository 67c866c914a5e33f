import { EventEmitter } from 'node:events';
import type { WindowOpenHandlerResponse } from 'electron';
import { describe, expect, it } from 'vitest';
import { appLocation } from '../../../electron/main/appUrl';
import { lockNavigation, type NavigableContents } from '../../../electron/main/window';

/**
 * lockNavigation's real handlers on an emitter shaped like WebContents: the test
 * emits what Chromium would and checks what the app did.
 */
const APP_URL = 'app://spool/index.html';

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => WindowOpenHandlerResponse) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenHandlerResponse) {
    this.openHandler = handler;
  }
  /** Emits a navigation event; true when a handler cancelled it. */
  navigate(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', url: string): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
  windowOpen(url: string) {
    return this.openHandler!({ url });
  }
}

function locked() {
  const contents = new FakeContents();
  const opened: string[] = [];
  lockNavigation(contents as unknown as NavigableContents, appLocation(undefined), async (url) => {
    opened.push(url);
  });
  return { contents, opened };
}

const OUTSIDE_BUT_UNSAFE = [
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>1</script>',
  'vscode://open?file=/tmp/x',
  'smb://server/share',
  'https://user:pass@example.com/',
];

describe('the navigation lock', () => {
  it("lets the window navigate within the app's own page", () => {
    const { contents, opened } = locked();
    expect(contents.navigate('will-navigate', `${APP_URL}#/settings`)).toBe(false);
    expect(opened).toEqual([]);
  });

  it('refuses navigation to a web page and opens it in the system browser instead', () => {
    const { contents, opened } = locked();
    expect(contents.navigate('will-navigate', 'https://example.com/docs')).toBe(true);
    expect(opened).toEqual(['https://example.com/docs']);
  });

  it('refuses navigation to any other scheme and opens nothing', () => {
    const { contents, opened } = locked();
    for (const url of OUTSIDE_BUT_UNSAFE) expect(contents.navigate('will-navigate', url), url).toBe(true);
    expect(opened).toEqual([]);
  });

  it('refuses every window.open, sending only http(s) links to the system browser', () => {
    const { contents, opened } = locked();
    expect(contents.windowOpen('http://example.com/a')).toEqual({ action: 'deny' });
    for (const url of OUTSIDE_BUT_UNSAFE) expect(contents.windowOpen(url), url).toEqual({ action: 'deny' });
    expect(contents.windowOpen(APP_URL)).toEqual({ action: 'deny' });
    expect(opened).toEqual(['http://example.com/a']);
  });

  it('refuses a redirect away from the app without opening it anywhere', () => {
    const { contents, opened } = locked();
    expect(contents.navigate('will-redirect', 'https://example.com/')).toBe(true);
    expect(opened).toEqual([]);
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = locked();
    expect(contents.navigate('will-attach-webview', '')).toBe(true);
  });
});
