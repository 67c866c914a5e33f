import { describe, expect, it } from 'vitest';
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
  type PermissionHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
  type CheckHandler = (wc: unknown, permission: string) => boolean;
  type HeadersListener = (
    details: { responseHeaders?: Record<string, string[]> },
    callback: (response: { responseHeaders: Record<string, string[]> }) => void,
  ) => void;

  /** The members of Session that secureSession sets, capturing its real handlers. */
  function fakeSession() {
    const captured: { request?: PermissionHandler; check?: CheckHandler; headers?: HeadersListener } = {};
    const session = {
      webRequest: { onHeadersReceived: (listener: HeadersListener) => (captured.headers = listener) },
      setPermissionRequestHandler: (handler: PermissionHandler) => (captured.request = handler),
      setPermissionCheckHandler: (handler: CheckHandler) => (captured.check = handler),
    };
    secureSession(session as unknown as SecurableSession, { dev: false });
    return captured;
  }

  it('denies every permission request by default', () => {
    const { request } = fakeSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      request!({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
    }
  });

  it('answers every permission check with no', () => {
    const { check } = fakeSession();
    expect(check!({}, 'media')).toBe(false);
    expect(check!({}, 'clipboard-sanitized-write')).toBe(false);
  });

  it('adds the production CSP to every response, replacing none of the other headers', () => {
    const { headers } = fakeSession();
    let out: Record<string, string[]> = {};
    headers!({ responseHeaders: { 'X-Test': ['1'] } }, (r) => (out = r.responseHeaders));
    expect(out['Content-Security-Policy']).toEqual([desktopCsp({ dev: false })]);
    expect(out['X-Test']).toEqual(['1']);
  });
});
