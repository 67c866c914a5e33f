/** The library is private to its user: folder 0700, database files 0600, old libraries tightened on open. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { makeTempDir } from '../../helpers/tempDir';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

let temp: ReturnType<typeof makeTempDir>;
let logs: string[];
beforeEach(() => {
  temp = makeTempDir('spool-modes-');
  logs = [];
});
afterEach(() => temp.cleanup());

function open(dataDir: string): SpoolCore {
  return SpoolCore.open({ dataDir, mode: 'test', env: {}, log: (line) => logs.push(line) });
}

describe.skipIf(process.platform === 'win32')('library file modes', () => {
  it('creates a new library folder 0700 with spool.db, -wal and -shm 0600, and logs nothing about modes', async () => {
    const dataDir = path.join(temp.dir, 'new', 'Spool');
    const core = open(dataDir);
    try {
      core.conversations.create('written, so the WAL has content');
      expect(modeOf(dataDir)).toBe(0o700);
      for (const name of ['spool.db', 'spool.db-wal', 'spool.db-shm'])
        expect(modeOf(path.join(dataDir, name)), name).toBe(0o600);
    } finally {
      await core.close();
    }
    expect(logs.filter((l) => l.includes('readable by other users'))).toEqual([]);
  });

  it('tightens an existing world-readable library on open, with one log line naming what changed', async () => {
    const dataDir = path.join(temp.dir, 'old');
    await open(dataDir).close();
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'spool.db'), 0o644);

    const core = open(dataDir);
    try {
      expect(modeOf(dataDir)).toBe(0o700);
      expect(modeOf(path.join(dataDir, 'spool.db'))).toBe(0o600);
      expect(modeOf(path.join(dataDir, 'spool.db-wal'))).toBe(0o600);
      const lines = logs.filter((l) => l.includes('readable by other users'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(path.join(dataDir, 'spool.db'));
    } finally {
      await core.close();
    }
  });

  it('tightens the folder a data folder link points to', async () => {
    const real = path.join(temp.dir, 'real');
    fs.mkdirSync(real, { mode: 0o755 });
    fs.chmodSync(real, 0o755);
    const link = path.join(temp.dir, 'link');
    fs.symlinkSync(real, link);
    await open(link).close();
    expect(modeOf(real)).toBe(0o700);
    expect(modeOf(path.join(real, 'spool.db'))).toBe(0o600);
  });
});
