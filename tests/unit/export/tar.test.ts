import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TarWriter, type BinarySink } from '../../../electron/core/export/tar';
import { makeTempDir } from '../../helpers/tempDir';

/** Collects what the writer gives its destination, as a file or a response would. */
class BytesSink implements BinarySink {
  parts: Buffer[] = [];
  writeBytes(bytes: Buffer): Promise<void> {
    this.parts.push(Buffer.from(bytes));
    return Promise.resolve();
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const MTIME_MS = Date.UTC(2026, 2, 4, 5, 6, 7, 890);

async function tarOf(entries: [string, string][]): Promise<Buffer> {
  const sink = new BytesSink();
  const tar = new TarWriter(sink, 'spool-library', MTIME_MS);
  for (const [name, content] of entries) await tar.add(name, content);
  await tar.end();
  return sink.bytes();
}

describe('the markdown folder tar', () => {
  it('is extracted by tar into the folder, every file byte for byte', async () => {
    const tmp = makeTempDir();
    try {
      const long = `${'a'.repeat(90)} (0123456789).md`;
      const entries: [string, string][] = [
        ['first (abc).md', '# First\n\nhello\n'],
        ['naïve 日本 (def).md', '# naïve 日本\n'],
        ['empty (ghi).md', ''],
        [long, 'x'.repeat(70_000)],
      ];
      const file = path.join(tmp.dir, 'spool-library.tar');
      fs.writeFileSync(file, await tarOf(entries));
      execFileSync('tar', ['-xf', file, '-C', tmp.dir]);
      const folder = path.join(tmp.dir, 'spool-library');
      expect(fs.readdirSync(folder).sort()).toEqual(entries.map(([name]) => name).sort());
      for (const [name, content] of entries) {
        expect(fs.readFileSync(path.join(folder, name), 'utf8')).toBe(content);
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('gives every file mode 644 and the export time to the second', async () => {
    const tmp = makeTempDir();
    try {
      const file = path.join(tmp.dir, 'spool-library.tar');
      fs.writeFileSync(file, await tarOf([['one (abc).md', 'one\n']]));
      const listing = execFileSync('tar', ['-tvf', file, '--full-time', '--utc'], {
        encoding: 'utf8',
        env: { ...process.env, TZ: 'UTC' },
      });
      expect(listing).toMatch(/^-rw-r--r-- .* 2026-03-04 05:06:07 spool-library\/one \(abc\)\.md$/m);
    } finally {
      tmp.cleanup();
    }
  });

  it('is whole 512-byte blocks in the ustar format', async () => {
    const tar = await tarOf([['one (abc).md', 'one\n']]);
    expect(tar.length % 512).toBe(0);
    expect(tar.subarray(257, 262).toString('ascii')).toBe('ustar');
  });

  it('fails the entry being added when the destination fails, instead of waiting forever', async () => {
    const failing: BinarySink = { writeBytes: () => Promise.reject(new Error('disk full')) };
    const tar = new TarWriter(failing, 'spool-library', MTIME_MS);
    await expect(tar.add('big (abc).md', 'x'.repeat(1_000_000))).rejects.toThrow();
    await expect(tar.end()).rejects.toThrow('disk full');
  });
});
