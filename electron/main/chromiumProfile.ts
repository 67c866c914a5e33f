import fs from 'node:fs';
import path from 'node:path';

/**
 * Where Chromium keeps its own profile (cookies, caches, GPU cache, Local State).
 * Electron puts it in userData; Spool's data folder holds spool.db and the user's
 * files, so Chromium gets a folder of its own inside it. userData also keys the
 * single-instance lock, which therefore stays one per data folder.
 */
export function chromiumProfileDir(dataDir: string): string {
  return path.join(dataDir, 'chromium-profile');
}

type Remove = (dir: string, options: fs.RmOptions) => void;

/**
 * Deletes the CLI's throwaway profile at exit. On Windows, Chromium may still hold a
 * file in it for a moment (EBUSY, EPERM): retried briefly, then left for the OS's temp
 * cleanup — a leftover temp folder must never turn a successful command into a crash.
 */
export function removeCliProfile(dir: string, remove: Remove = fs.rmSync): boolean {
  try {
    remove(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
    return true;
  } catch {
    return false;
  }
}
