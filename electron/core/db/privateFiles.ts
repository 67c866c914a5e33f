/**
 * The library is private to its user: the data folder 0700, the database and its WAL
 * and shared-memory files 0600. A new library is created that way (SQLite gives the
 * -wal and -shm files the mode of the database file, so creating spool.db 0600 first
 * is enough); an existing one is tightened on open and the caller says so in one line.
 * Mode bits do not exist on Windows: nothing to do there.
 */
import fs from 'node:fs';

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;
const DB_SUFFIXES = ['', '-wal', '-shm'] as const;
const enforced = process.platform !== 'win32';

/** Creates `dir` (0700) and an empty `file` (0600) if absent; returns what it had to tighten. */
export function preparePrivateDatabase(dir: string, file: string): string[] {
  if (!enforced) {
    fs.mkdirSync(dir, { recursive: true });
    return [];
  }
  const tightened: string[] = [];
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  // The folder may be a link to where the user keeps it: that folder is the library's.
  if (tighten(fs.realpathSync(dir), PRIVATE_DIR)) tightened.push(`${dir} (folder)`);
  try {
    fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  for (const suffix of DB_SUFFIXES) {
    if (tighten(file + suffix, PRIVATE_FILE)) tightened.push(file + suffix);
  }
  return tightened;
}

/** True when `target` existed with group or other bits set and now has `mode`. */
function tighten(target: string, mode: number): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(target);
  } catch {
    return false;
  }
  // A database file that is a link is not ours to chmod: it could point anywhere.
  if (stat.isSymbolicLink() || (stat.mode & 0o077) === 0) return false;
  fs.chmodSync(target, mode);
  return true;
}

export function describeTightened(tightened: readonly string[]): string {
  return `library files were readable by other users; now private to this user (0700/0600): ${tightened.join(', ')}`;
}
