import type { Readable, Writable } from 'node:stream';

/** What a command may touch of the outside world; main.ts passes the process's own. */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable;
  stdin: Readable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT / SIGTERM: long commands stop cleanly. */
  signal: AbortSignal;
  /** --verbose: the library's log lines (SDK warnings included) also go to stderr as they happen. */
  verbose?: boolean;
}

/** One line on stderr: operational messages and errors never go to stdout. */
export function warn(io: CliIo, line: string): void {
  io.stderr.write(`spool: ${line}\n`);
}

/** Writes to stdout, resolving once the text is handed to the OS (or the pipe closed). */
export function print(io: CliIo, text: string): Promise<void> {
  return new Promise((resolve, reject) =>
    io.stdout.write(text, (err) =>
      err && (err as NodeJS.ErrnoException).code !== 'EPIPE' ? reject(err) : resolve(),
    ),
  );
}
