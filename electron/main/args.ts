import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * The app's own command-line flags. Electron and Chromium add switches of their
 * own to argv, so unknown flags are ignored rather than refused.
 */
export interface MainArgs {
  dataDir: string | undefined;
}

export function parseMainArgs(argv: readonly string[]): MainArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: { 'data-dir': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const dataDir = values['data-dir'];
  return { dataDir: typeof dataDir === 'string' && dataDir !== '' ? path.resolve(dataDir) : undefined };
}
