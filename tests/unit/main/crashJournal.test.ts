import fs from 'node:fs';
import path from 'node:path';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { catchMainProcessErrors } from '../../../electron/main/crash/catchErrors';
import { CrashJournal } from '../../../electron/main/crash/crashJournal';
import { Redactor } from '../../../electron/main/crash/redact';
import { makeTempDir } from '../../helpers/tempDir';

const logsDir = () => path.join(makeTempDir('spool-journal-').dir, 'logs');
const begin = (journal: CrashJournal, now = 1000) => journal.begin({ version: '0.1.0', pid: 42, now });

describe('CrashJournal', () => {
  it('reports nothing about a previous run on the first launch', () => {
    expect(begin(new CrashJournal(logsDir()))).toBeNull();
  });

  it('tells the next launch that a run which never quit did not end cleanly', () => {
    const dir = logsDir();
    begin(new CrashJournal(dir), 1000); // the run is killed: no endCleanly()
    const previous = begin(new CrashJournal(dir), 2000);
    expect(previous).toMatchObject({ endedCleanly: false, startedAt: 1000, errors: [] });
  });

  it('tells the next launch that a graceful quit ended cleanly', () => {
    const dir = logsDir();
    const first = new CrashJournal(dir);
    begin(first);
    first.endCleanly();
    expect(begin(new CrashJournal(dir))).toMatchObject({ endedCleanly: true });
  });

  it('keeps the errors a run recorded for the next launch', () => {
    const dir = logsDir();
    const first = new CrashJournal(dir);
    begin(first);
    first.recordError({ kind: 'uncaughtException', at: 1500, message: 'Error: boom' });
    const previous = begin(new CrashJournal(dir));
    expect(previous?.errors).toEqual([{ kind: 'uncaughtException', at: 1500, message: 'Error: boom' }]);
  });

  it('treats a torn session file as a run that did not end cleanly', () => {
    const dir = logsDir();
    const journal = new CrashJournal(dir);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(journal.file, '{"version":"0.1.0","endedCle');
    expect(begin(journal)).toMatchObject({ endedCleanly: false });
  });
});

describe('catchMainProcessErrors', () => {
  function setup() {
    const proc = new EventEmitter();
    const logged: unknown[][] = [];
    const dir = logsDir();
    const journal = new CrashJournal(dir);
    begin(journal);
    catchMainProcessErrors(proc, {
      log: { error: (...args: unknown[]) => logged.push(args) },
      journal,
      redactor: new Redactor(),
      now: () => 5000,
    });
    return { proc, logged, dir };
  }

  it('logs an uncaught exception and records it, redacted, for the next launch', () => {
    const { proc, logged, dir } = setup();
    proc.emit('uncaughtException', new Error('provider rejected sk-secret-1234567890'));
    expect(logged).toHaveLength(1);
    const previous = begin(new CrashJournal(dir));
    expect(previous?.errors).toEqual([
      { kind: 'uncaughtException', at: 5000, message: 'Error: provider rejected [redacted]' },
    ]);
  });

  it('logs and records an unhandled rejection', () => {
    const { proc, logged, dir } = setup();
    proc.emit('unhandledRejection', 'socket hang up', Promise.resolve());
    expect(logged[0]?.[0]).toContain('unhandledRejection');
    expect(begin(new CrashJournal(dir))?.errors[0]).toMatchObject({
      kind: 'unhandledRejection',
      message: 'socket hang up',
    });
  });
});
