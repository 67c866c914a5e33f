import fs from 'node:fs';
import path from 'node:path';
import { ReportFileName } from '../../../shared/api/schemas/diagnostics';

/** Where "Report a problem" writes its zips. */
export function reportsDir(dataDir: string): string {
  return path.join(dataDir, 'reports');
}

/**
 * The path of a written report named `fileName`, or null. Only a report-shaped name
 * (no separator, no `..`) of a regular file directly in the reports folder qualifies:
 * the name comes from a URL or a window, and must never reach any other file.
 */
export function findReport(dataDir: string, fileName: string): string | null {
  if (!ReportFileName.safeParse(fileName).success) return null;
  const dir = reportsDir(dataDir);
  const file = path.resolve(dir, fileName);
  if (path.dirname(file) !== path.resolve(dir)) return null;
  try {
    // lstat: a symlink placed in the folder is not followed out of it.
    return fs.lstatSync(file).isFile() ? file : null;
  } catch {
    return null;
  }
}
