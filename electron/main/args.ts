import path from 'node:path';
import { parseArgs } from 'node:util';

/**
 * The app's own command-line flags. Electron and Chromium add switches of their
 * own to argv, so unknown flags are ignored rather than refused.
 */
export interface MainArgs {
  dataDir: string | undefined;
}

/** The flag that turns the app binary into the `spool` command line (see resources/cli). */
export const CLI_FLAG = '--cli';

export function parseMainArgs(argv: readonly string[]): MainArgs {
  const { values } = parseArgs({
    args: [...(cliArgs(argv) === null ? argv : argv.slice(0, argv.indexOf(CLI_FLAG)))],
    options: { 'data-dir': { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const dataDir = values['data-dir'];
  return { dataDir: typeof dataDir === 'string' && dataDir !== '' ? path.resolve(dataDir) : undefined };
}

/**
 * The `spool` command's arguments when the app was started as the CLI (everything
 * after `--cli`, Chromium switches before it), or null for the desktop app.
 */
export function cliArgs(argv: readonly string[]): string[] | null {
  const at = argv.indexOf(CLI_FLAG);
  return at === -1 ? null : argv.slice(at + 1);
}
