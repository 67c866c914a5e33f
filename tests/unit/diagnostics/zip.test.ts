import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, writeZip } from '../../../electron/core/diagnostics/zip';
import { makeTempDir } from '../../helpers/tempDir';

describe('the stored zip writer', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('writes an archive that unzip tests clean and extracts byte for byte', () => {
    const tmp = makeTempDir();
    try {
      const binary = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256);
      const file = path.join(tmp.dir, 'bundle.zip');
      fs.writeFileSync(
        file,
        writeZip([
          { name: 'README.txt', data: 'hello\n' },
          { name: 'data/text.json', data: '{"word":"naïve 日本"}' },
          { name: 'empty.txt', data: '' },
          { name: 'bin.dat', data: binary },
        ]),
      );
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
      execFileSync('unzip', ['-q', file, '-d', path.join(tmp.dir, 'out')]);
      const out = (name: string) => fs.readFileSync(path.join(tmp.dir, 'out', name));
      expect(out('README.txt').toString()).toBe('hello\n');
      expect(out('data/text.json').toString()).toBe('{"word":"naïve 日本"}');
      expect(out('empty.txt').length).toBe(0);
      expect(out('bin.dat').equals(Buffer.from(binary))).toBe(true);
    } finally {
      tmp.cleanup();
    }
  });
});
