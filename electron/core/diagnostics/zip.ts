import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * The report bundle as a zip, written by fflate: STORED entries (level 0, no
 * compression), so any unzip tool opens it and the user can read every file before
 * sharing it. fflate marks non-ASCII names as UTF-8 (flag bit 11).
 */

export interface ZipEntry {
  name: string;
  data: Uint8Array | string;
}

/** Zip dates start in 1980: an earlier clock (a test's epoch) is written as 1980-01-01. */
const ZIP_EPOCH = new Date(1980, 0, 1);

/** The whole archive in memory: bundles are small (a few MB at most). */
export function writeZip(entries: readonly ZipEntry[], modified = new Date()): Buffer {
  const mtime = modified < ZIP_EPOCH ? ZIP_EPOCH : modified;
  const files: Zippable = {};
  for (const entry of entries) {
    // Entries are keyed by name in fflate's input: a repeated name would silently replace one.
    if (Object.hasOwn(files, entry.name)) throw new Error(`zip entry named twice: ${entry.name}`);
    files[entry.name] = [typeof entry.data === 'string' ? strToU8(entry.data) : entry.data, { mtime }];
  }
  const zip = zipSync(files, { level: 0 });
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
