import fs from 'node:fs';
import path from 'node:path';
import { MAX_ATTACHMENT_BYTES } from '../../../shared/api/schemas/attachments';
import { CliError, EXIT } from '../exit';

export interface FileToAttach {
  name: string;
  data: Buffer;
}

/**
 * Reads each --attach FILE before anything is written: a missing file, a folder or one
 * over the limit is refused by its name (exit 2), and a huge file is never read.
 */
export function readAttachments(values: Record<string, unknown>): FileToAttach[] {
  const raw = values.attach;
  const files = Array.isArray(raw) ? (raw as string[]) : typeof raw === 'string' ? [raw] : [];
  return files.map((file) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      throw new CliError(`chat: --attach ${file}: no such file.`, EXIT.usage);
    }
    if (!stat.isFile()) throw new CliError(`chat: --attach ${file}: not a regular file.`, EXIT.usage);
    if (stat.size > MAX_ATTACHMENT_BYTES) {
      const mib = (stat.size / 1024 / 1024).toFixed(1);
      throw new CliError(
        `chat: --attach ${file} is too large (${mib} MiB): an attachment may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB.`,
        EXIT.usage,
      );
    }
    try {
      return { name: path.basename(file), data: fs.readFileSync(file) };
    } catch (err) {
      throw new CliError(`chat: --attach ${file} could not be read (${(err as Error).message}).`, EXIT.usage);
    }
  });
}
