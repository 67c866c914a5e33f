/**
 * Worker entry: opens one file (regular files only) and parses its GGUF header
 * (ggufHeader.ts), replying once with the header or the reason it is not a model.
 * Runs under boundedWorker's heap limit and deadline.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { FileCheckError, openRegularFile } from '../../files/regularFile';
import { GgufFormatError, parseGgufHeader, type GgufHeader } from './ggufHeader';

export type GgufWorkerReply =
  | { ok: true; size: number; header: GgufHeader }
  | { ok: false; code: 'not_gguf' | 'truncated' | 'malformed' | 'missing' | 'unreadable'; message: string };

function check(file: string): GgufWorkerReply {
  let opened;
  try {
    opened = openRegularFile(file);
  } catch (err) {
    if (!(err instanceof FileCheckError)) throw err;
    return { ok: false, code: err.problem === 'missing' ? 'missing' : 'unreadable', message: err.message };
  }
  const { fd, size } = opened;
  try {
    const header = parseGgufHeader({
      size,
      read(position, length) {
        const buffer = Buffer.alloc(length);
        let done = 0;
        while (done < length) {
          const n = fs.readSync(fd, buffer, done, length - done, position + done);
          if (n === 0) throw new GgufFormatError('truncated', 'the file got shorter while it was read');
          done += n;
        }
        return buffer;
      },
    });
    return { ok: true, size, header };
  } catch (err) {
    if (err instanceof GgufFormatError) return { ok: false, code: err.code, message: err.message };
    throw err;
  } finally {
    fs.closeSync(fd);
  }
}

parentPort?.postMessage(check((workerData as { file: string }).file));
