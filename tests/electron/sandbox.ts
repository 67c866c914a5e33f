import fs from 'node:fs';
import path from 'node:path';

/**
 * Whether the Electron specs must pass --no-sandbox. Chromium's Linux sandbox needs
 * either unprivileged user namespaces or a setuid-root chrome-sandbox helper. Root
 * cannot use it at all (containers, CI); Ubuntu 23.10+ lets AppArmor forbid
 * unprivileged user namespaces to binaries without a profile (node_modules' electron has
 * none), and older Debian kernels may switch them off. Everywhere else the specs keep
 * the sandbox, as users get it. SPOOL_ELECTRON_NO_SANDBOX=1 forces it off.
 */
export interface SandboxFacts {
  platform: NodeJS.Platform;
  uid: number | undefined;
  forced: boolean;
  /** chrome-sandbox beside the binary is owned by root with the setuid bit. */
  setuidHelper: boolean;
  /** /proc/sys/kernel/apparmor_restrict_unprivileged_userns, if present. */
  appArmorRestrictsUserns: string | undefined;
  /** /proc/sys/kernel/unprivileged_userns_clone (Debian), if present. */
  unprivilegedUsernsClone: string | undefined;
  /** /proc/sys/user/max_user_namespaces, if present. */
  maxUserNamespaces: string | undefined;
}

export function needsNoSandbox(facts: SandboxFacts): boolean {
  if (facts.forced) return true;
  if (facts.platform !== 'linux') return false;
  if (facts.uid === 0) return true;
  if (facts.setuidHelper) return false;
  const usernsAllowed =
    facts.appArmorRestrictsUserns !== '1' &&
    facts.unprivilegedUsernsClone !== '0' &&
    facts.maxUserNamespaces !== '0';
  return !usernsAllowed;
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
}

export function sandboxFacts(electronBinary: string, env: NodeJS.ProcessEnv = process.env): SandboxFacts {
  let setuidHelper = false;
  try {
    const helper = fs.statSync(path.join(path.dirname(electronBinary), 'chrome-sandbox'));
    setuidHelper = helper.uid === 0 && (helper.mode & 0o4000) !== 0;
  } catch {
    setuidHelper = false;
  }
  return {
    platform: process.platform,
    uid: process.getuid?.(),
    forced: env.SPOOL_ELECTRON_NO_SANDBOX === '1',
    setuidHelper,
    appArmorRestrictsUserns: read('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    unprivilegedUsernsClone: read('/proc/sys/kernel/unprivileged_userns_clone'),
    maxUserNamespaces: read('/proc/sys/user/max_user_namespaces'),
  };
}
