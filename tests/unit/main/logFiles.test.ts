import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { archivedLogFile, mainLogFile, rotateLogFile } from '../../../electron/main/crash/logFiles';
import { makeTempDir } from '../../helpers/tempDir';

const tempDir = () => makeTempDir('spool-logs-').dir;

describe('log files', () => {
  it('live in <data dir>/logs/main.log', () => {
    expect(mainLogFile('/data')).toBe(path.join('/data', 'logs', 'main.log'));
  });

  it('rotate main.log to main.1.log, shifting older archives up', () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.log');
    fs.writeFileSync(file, 'newest');
    fs.writeFileSync(archivedLogFile(file, 1), 'older');
    rotateLogFile(file, 3);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toBe('newest');
    expect(fs.readFileSync(path.join(dir, 'main.2.log'), 'utf8')).toBe('older');
  });

  it('keep at most the given number of archives, dropping the oldest', () => {
    const dir = tempDir();
    const file = path.join(dir, 'main.log');
    for (let i = 1; i <= 5; i++) {
      fs.writeFileSync(file, `generation ${i}`);
      rotateLogFile(file, 3);
    }
    expect(fs.readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.3.log']);
    expect(fs.readFileSync(path.join(dir, 'main.1.log'), 'utf8')).toBe('generation 5');
    expect(fs.readFileSync(path.join(dir, 'main.3.log'), 'utf8')).toBe('generation 3');
  });
});
