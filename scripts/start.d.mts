import type { ElectronBinary } from './electron-binary.mjs';
export const NO_DOWNLOAD_ENV: string[];
export const FETCH_TIMEOUT_MS: number;
export function shouldFetchElectron(binary: ElectronBinary, env: Record<string, string | undefined>): boolean;
export function installerFailure(run: {
  status: number | null;
  signal?: string | null;
  stdout?: string;
  stderr?: string;
  timedOut?: boolean;
}): string;
export function chooseStartMode(state: {
  binary: ElectronBinary;
  fetchError?: string;
  nativeError?: string;
}): { mode: 'desktop' } | { mode: 'browser'; why: string };
