export type ElectronBinary =
  | { found: true; path: string }
  | { found: false; code: 'no-package' | 'not-downloaded' | 'missing-file'; reason: string };
export function findElectronBinary(): ElectronBinary;
export function electronInstaller(): string;
