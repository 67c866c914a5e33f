import fs from 'node:fs';
import path from 'node:path';

/**
 * Where the main process's logs live, and how they rotate: `<data dir>/logs/main.log`,
 * and when it reaches its size limit it becomes main.1.log, main.1.log becomes
 * main.2.log, … and the oldest beyond `keep` is deleted. Plain fs, so it is tested
 * under Node; electron-log calls `rotateLogFile` as its archive function.
 */
export const LOG_DIR_NAME = 'logs';
export const MAIN_LOG_FILE_NAME = 'main.log';
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_FILES_KEPT = 5;

export function logsDir(dataDir: string): string {
  return path.join(dataDir, LOG_DIR_NAME);
}

export function mainLogFile(dataDir: string): string {
  return path.join(logsDir(dataDir), MAIN_LOG_FILE_NAME);
}

/** `main.log` → `main.<n>.log`. */
export function archivedLogFile(file: string, n: number): string {
  const ext = path.extname(file);
  return path.join(path.dirname(file), `${path.basename(file, ext)}.${n}${ext}`);
}

/** Shifts file → file.1 → file.2 … keeping at most `keep` archives. */
export function rotateLogFile(file: string, keep: number = LOG_FILES_KEPT): void {
  fs.rmSync(archivedLogFile(file, keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    const from = archivedLogFile(file, n);
    if (fs.existsSync(from)) fs.renameSync(from, archivedLogFile(file, n + 1));
  }
  if (fs.existsSync(file)) fs.renameSync(file, archivedLogFile(file, 1));
}
