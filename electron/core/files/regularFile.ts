/**
 * Every file Spool parses is opened through here: it must be a regular file (a FIFO
 * would block the reading thread forever, a device could be endless). The path is
 * checked with lstat first (a link must lead to a regular file), then opened
 * non-blocking — so even a FIFO swapped in between cannot block — and checked again
 * on the open descriptor, which is what is read.
 */
import fs from 'node:fs';

export type FileProblem = 'missing' | 'not_regular' | 'unreadable';

export class FileCheckError extends Error {
  constructor(
    readonly problem: FileProblem,
    message: string,
  ) {
    super(message);
    this.name = 'FileCheckError';
  }
}

export interface OpenedFile {
  fd: number;
  size: number;
}

/** Throws FileCheckError. */
export function assertRegularPath(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(file);
    if (stat.isSymbolicLink()) stat = fs.statSync(file);
  } catch (err) {
    throw failure(file, err);
  }
  if (!stat.isFile()) throw new FileCheckError('not_regular', `${file} is not a regular file.`);
}

/** Opens a regular file for reading; the caller closes `fd`. Throws FileCheckError. */
export function openRegularFile(file: string): OpenedFile {
  assertRegularPath(file);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw failure(file, err);
  }
  const stat = fs.fstatSync(fd);
  if (!stat.isFile()) {
    fs.closeSync(fd);
    throw new FileCheckError('not_regular', `${file} is not a regular file.`);
  }
  return { fd, size: stat.size };
}

function failure(file: string, err: unknown): FileCheckError {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR'
    ? new FileCheckError('missing', `No file at ${file}.`)
    : new FileCheckError('unreadable', `Cannot read ${file}: ${(err as Error).message}`);
}

/** The text of a small regular file (a sidecar, a settings file); refuses anything else before reading. */
export async function readRegularText(file: string): Promise<string> {
  assertRegularPath(file);
  const { fd } = openRegularFile(file);
  try {
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}
