import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { EXIT } from '../../shared/exitCodes';
import { contractCheckFromEnv, SpoolCore } from '../core/SpoolCore';
import { DatabaseLockedError, DatabaseTooNewError } from '../core/db/errors';
import { defaultDataDir } from '../core/paths';
import { newToken } from './auth';
import { readHostState, removeOpenFile, writeHostState, writeOpenFile } from './hostState';
import { openInBrowser } from './openBrowser';
import { startWebHost, type WebHost } from './server';

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

const USAGE = 'Usage: npm run web -- [--port N] [--data-dir DIR] [--no-open]';
const HELP = `${USAGE}

Runs Spool in your browser, on 127.0.0.1 only, and prints one line: the URL with its token.
  --port N        listen on port N (0: any free port). Default: the port of the last run on
                  this data folder if it is free (an open tab then reconnects), else any.
  --data-dir DIR  the library's folder (default: Spool's data folder, or SPOOL_DATA_DIR).
  --no-open       do not open a browser.
  --help          print this and exit.`;

export interface RunWebHostIo {
  /** Receives the one stdout line. */
  out(line: string): void;
  /** Receives notices and errors. */
  err(line: string): void;
  openUrl(url: string): Promise<string | null>;
  staticDir: string;
}

export type WebHostRun =
  | { running: false; exitCode: number }
  | { running: true; host: WebHost; core: SpoolCore; stop(): Promise<void> };

const defaultIo: RunWebHostIo = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  openUrl: (url) => openInBrowser(url),
  staticDir: DEFAULT_STATIC_DIR,
};

interface WebFlags {
  port: number | undefined;
  dataDir: string;
  open: boolean;
  help: boolean;
}

function parseFlags(argv: string[]): WebFlags | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'no-open': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    return (err as Error).message;
  }
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535)
      return `--port must be a number from 0 to 65535, not "${values.port}".`;
  }
  const dataDir = values['data-dir'];
  if (dataDir === '') return '--data-dir must not be empty.';
  return {
    port,
    dataDir: path.resolve(dataDir ?? defaultDataDir()),
    open: !values['no-open'],
    help: values.help === true,
  };
}

/**
 * Everything `npm run web` does short of handling signals and exiting: parse the
 * flags, open the library, start the host, print the one line. Returns a running
 * host or the exit code to leave with; never calls process.exit itself.
 */
export async function runWebHost(argv: string[], io: Partial<RunWebHostIo> = {}): Promise<WebHostRun> {
  const { out, err, openUrl, staticDir } = { ...defaultIo, ...io };
  const flags = parseFlags(argv);
  if (typeof flags === 'string') {
    err(`spool web: ${flags}`);
    err(USAGE);
    return { running: false, exitCode: EXIT.usage };
  }
  if (flags.help) {
    out(HELP);
    return { running: false, exitCode: EXIT.ok };
  }

  const contractCheck = await contractCheckFromEnv();
  let core: SpoolCore;
  try {
    // stdout carries exactly one line (the URL); everything else goes to stderr.
    core = SpoolCore.open({ dataDir: flags.dataDir, mode: 'web', log: err, contractCheck });
  } catch (e) {
    err(`spool web: ${e instanceof Error ? e.message : String(e)}`);
    const exitCode =
      e instanceof DatabaseTooNewError
        ? EXIT.dbTooNew
        : e instanceof DatabaseLockedError
          ? EXIT.dbLocked
          : EXIT.failed;
    return { running: false, exitCode };
  }
  for (const notice of core.info.notices) err(`spool web: ${notice.level}: ${notice.message}`);
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    err(`spool web: warning: the renderer is not built (${staticDir}); run \`npm run build:renderer\`.`);
  }

  // The token and port of the last run on this folder: an open tab reconnects to them.
  const previous = readHostState(flags.dataDir);
  const token = previous?.token ?? newToken();
  let host: WebHost;
  try {
    host = await listen(core, token, flags.port ?? previous?.port, flags.port === undefined, staticDir);
  } catch (e) {
    await core.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      err(
        `spool web: port ${flags.port} on 127.0.0.1 is already in use. ` +
          'Choose another with --port N, or leave --port out to pick a free one.',
      );
      return { running: false, exitCode: EXIT.portTaken };
    }
    err(`spool web: could not start the web host: ${e instanceof Error ? e.message : String(e)}`);
    return { running: false, exitCode: EXIT.failed };
  }
  try {
    writeHostState(flags.dataDir, { token, port: host.port });
  } catch (e) {
    err(`spool web: could not remember the port and token for the next run: ${(e as Error).message}`);
  }

  out(`Spool is running at ${host.url}`);
  if (flags.open) {
    // The browser gets a file that redirects to the URL: the token stays off every command line.
    let problem: string | null;
    try {
      problem = await openUrl(pathToFileURL(writeOpenFile(flags.dataDir, host.url)).href);
    } catch (e) {
      problem = (e as Error).message;
    }
    if (problem) err(`spool web: could not open a browser (${problem}); open the URL above yourself.`);
  }

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= host.close().then(() => {
      removeOpenFile(flags.dataDir);
      return core.close();
    });
    return stopping;
  };
  return { running: true, host, core, stop };
}

/** The preferred port, falling back to any free one when it was only a preference and is taken. */
async function listen(
  core: SpoolCore,
  token: string,
  port: number | undefined,
  fallBack: boolean,
  staticDir: string,
): Promise<WebHost> {
  try {
    return await startWebHost({ core, port, token, staticDir });
  } catch (e) {
    if (!fallBack || !port || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    return startWebHost({ core, port: 0, token, staticDir });
  }
}
