import { describe, expect, it } from 'vitest';
import { appLocation } from '../../../electron/main/appUrl';
import {
  desktopCsp,
  secureSession,
  secureWindowOptions,
  type SecurableSession,
} from '../../../electron/main/window';

describe('secureWindowOptions', () => {
  const options = secureWindowOptions('/app/out/preload/index.cjs');
  const prefs = options.webPreferences!;

  it('isolates the page from the preload (contextIsolation)', () => {
    expect(prefs.contextIsolation).toBe(true);
  });

  it('runs the renderer in the OS sandbox', () => {
    expect(prefs.sandbox).toBe(true);
  });

  it('gives the page no Node.js, in workers and subframes either', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and refuses insecure content', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('disables <webview>, experimental features and navigation by drag and drop', () => {
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('loads the given preload script and no other', () => {
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
  });

  it('sets nothing that would weaken the baseline', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('enableRemoteModule');
  });
});

describe('desktopCsp', () => {
  it('allows only the app itself in production', () => {
    const csp = desktopCsp({ dev: false });
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe('secureSession', () => {
  type PermissionHandler = (
    wc: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: { requestingUrl: string; isMainFrame: boolean },
  ) => void;
  type CheckHandler = (wc: unknown, permission: string, requestingOrigin: string) => boolean;
  type HeadersListener = (
    details: { responseHeaders?: Record<string, string[]> },
    callback: (response: { responseHeaders: Record<string, string[]> }) => void,
  ) => void;

  /** The members of Session that secureSession sets, capturing its real handlers. */
  function fakeSession(dev = false) {
    const captured: { request?: PermissionHandler; check?: CheckHandler; headers?: HeadersListener } = {};
    const session = {
      webRequest: { onHeadersReceived: (listener: HeadersListener) => (captured.headers = listener) },
      setPermissionRequestHandler: (handler: PermissionHandler) => (captured.request = handler),
      setPermissionCheckHandler: (handler: CheckHandler) => (captured.check = handler),
    };
    secureSession(session as unknown as SecurableSession, {
      dev,
      app: appLocation(dev ? 'http://localhost:5173/' : undefined),
    });
    return captured;
  }

  const APP_PAGE = { requestingUrl: 'app://spool/index.html#/c/1', isMainFrame: true };
  const request = (handler: PermissionHandler, permission: string, details = APP_PAGE) => {
    let granted: boolean | undefined;
    handler({}, permission, (g) => (granted = g), details);
    return granted;
  };

  it("grants the app's own page clipboard writes (Copy buttons), asked or checked", () => {
    const handlers = fakeSession();
    expect(request(handlers.request!, 'clipboard-sanitized-write')).toBe(true);
    expect(handlers.check!({}, 'clipboard-sanitized-write', 'app://spool')).toBe(true);
  });

  it('grants the dev server its clipboard writes in development', () => {
    const handlers = fakeSession(true);
    const devPage = { requestingUrl: 'http://localhost:5173/', isMainFrame: true };
    expect(request(handlers.request!, 'clipboard-sanitized-write', devPage)).toBe(true);
    expect(handlers.check!({}, 'clipboard-sanitized-write', 'http://localhost:5173')).toBe(true);
  });

  it('refuses clipboard writes to any other origin', () => {
    const handlers = fakeSession();
    for (const origin of ['https://example.com', 'file:///tmp/x.html', 'app://other', 'null']) {
      expect(
        request(handlers.request!, 'clipboard-sanitized-write', { requestingUrl: origin, isMainFrame: true }),
        origin,
      ).toBe(false);
      expect(handlers.check!({}, 'clipboard-sanitized-write', origin), origin).toBe(false);
    }
  });

  it("denies every other permission, even to the app's own page", () => {
    const handlers = fakeSession();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      expect(request(handlers.request!, permission), permission).toBe(false);
      expect(handlers.check!({}, permission, 'app://spool'), permission).toBe(false);
    }
  });

  it('adds the production CSP to every response, replacing none of the other headers', () => {
    const { headers } = fakeSession();
    let out: Record<string, string[]> = {};
    headers!({ responseHeaders: { 'X-Test': ['1'] } }, (r) => (out = r.responseHeaders));
    expect(out['Content-Security-Policy']).toEqual([desktopCsp({ dev: false })]);
    expect(out['X-Test']).toEqual(['1']);
  });
});
