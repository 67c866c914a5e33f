import { describe, expect, it } from 'vitest';
import { needsNoSandbox, type SandboxFacts } from '../../../tests/electron/sandbox';

/** When the Electron specs turn Chromium's sandbox off (tests/electron/sandbox.ts). */
const linuxUser: SandboxFacts = {
  platform: 'linux',
  uid: 1000,
  forced: false,
  setuidHelper: false,
  appArmorRestrictsUserns: undefined,
  unprivilegedUsernsClone: undefined,
  maxUserNamespaces: '63000',
};

describe('the Electron specs’ sandbox flag', () => {
  it('keeps the sandbox for a user whose kernel allows unprivileged user namespaces', () => {
    expect(needsNoSandbox(linuxUser)).toBe(false);
    expect(needsNoSandbox({ ...linuxUser, appArmorRestrictsUserns: '0' })).toBe(false);
  });

  it('turns it off as root (containers, CI)', () => {
    expect(needsNoSandbox({ ...linuxUser, uid: 0 })).toBe(true);
  });

  it('turns it off where AppArmor forbids unprivileged user namespaces (Ubuntu 23.10+)', () => {
    expect(needsNoSandbox({ ...linuxUser, appArmorRestrictsUserns: '1' })).toBe(true);
  });

  it('turns it off where the kernel disables them (Debian’s unprivileged_userns_clone, max 0)', () => {
    expect(needsNoSandbox({ ...linuxUser, unprivilegedUsernsClone: '0' })).toBe(true);
    expect(needsNoSandbox({ ...linuxUser, maxUserNamespaces: '0' })).toBe(true);
  });

  it('keeps it when a setuid-root chrome-sandbox can start it anyway', () => {
    expect(needsNoSandbox({ ...linuxUser, appArmorRestrictsUserns: '1', setuidHelper: true })).toBe(false);
  });

  it('keeps it on macOS and Windows, unless SPOOL_ELECTRON_NO_SANDBOX=1 says otherwise', () => {
    expect(needsNoSandbox({ ...linuxUser, platform: 'darwin', uid: 0 })).toBe(false);
    expect(needsNoSandbox({ ...linuxUser, platform: 'win32', uid: undefined })).toBe(false);
    expect(needsNoSandbox({ ...linuxUser, platform: 'darwin', forced: true })).toBe(true);
  });
});
