import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeZip } from '../../../electron/core/diagnostics/zip';
import { makeTempDir } from '../../helpers/tempDir';

describe('the stored zip writer', () => {
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

  it('stores every entry uncompressed, so the user can read each file before sharing it', () => {
    const tmp = makeTempDir();
    try {
      const file = path.join(tmp.dir, 'bundle.zip');
      fs.writeFileSync(file, writeZip([{ name: 'log.txt', data: 'line\n'.repeat(1000) }]));
      const listing = execFileSync('unzip', ['-v', file], { encoding: 'utf8' });
      expect(listing).toMatch(/\bStored\b.*log\.txt/);
      expect(listing).not.toMatch(/Defl/);
    } finally {
      tmp.cleanup();
    }
  });

  it('dates entries from a clock before 1980 at the first day zip dates can hold', () => {
    const tmp = makeTempDir();
    try {
      const file = path.join(tmp.dir, 'bundle.zip');
      fs.writeFileSync(file, writeZip([{ name: 'a.txt', data: 'a' }], new Date(0)));
      expect(execFileSync('unzip', ['-l', file], { encoding: 'utf8' })).toMatch(/1980-01-01 00:00\s+a\.txt/);
    } finally {
      tmp.cleanup();
    }
  });

  it('refuses two entries of one name instead of silently keeping one', () => {
    expect(() =>
      writeZip([
        { name: 'a.txt', data: '1' },
        { name: 'a.txt', data: '2' },
      ]),
    ).toThrow(/named twice: a\.txt/);
  });
});
