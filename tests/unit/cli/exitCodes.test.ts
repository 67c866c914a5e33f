import BetterSqlite3 from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { spool, tempDir } from './helpers';

/** An empty library made in-process, as the app would leave it. */
async function emptyLibrary(): Promise<string> {
  const dir = tempDir();
  const core = SpoolCore.open({ dataDir: dir, mode: 'test', log: () => {} });
  core.conversations.create('kept');
  await core.close();
  return dir;
}

describe('spool exit codes', () => {
  test('2 for an unknown flag, with the usage on stderr and nothing on stdout', async () => {
    const run = await spool(['list', '--jsn', '--data-dir', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^spool: Unknown option '--jsn'/m);
    expect(run.stderr).toContain('Usage: spool list');
    expect(run.stdout.length).toBe(0);
  });

  test('2 for a missing or unsuitable --format, an unknown command, and no command at all', async () => {
    const dir = await emptyLibrary();
    const [noFormat, bad, unknown, none, noId] = await Promise.all([
      spool(['export', 'some-id', '--data-dir', dir]),
      spool(['export', 'some-id', '--format', 'xml', '--data-dir', dir]),
      spool(['frobnicate']),
      spool([]),
      spool(['inspect', '--data-dir', dir]),
    ]);
    expect(noFormat.stderr).toContain('--format text|md|jsonl|raw|json is required');
    expect(bad.stderr).toContain('--format must be one of text|md|jsonl|raw|json');
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    expect([noFormat, bad, unknown, none, noId].map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
  });

  test('5 for an id that names nothing', async () => {
    const dir = await emptyLibrary();
    const exported = await spool(['export', 'no-such-id', '--format', 'text', '--data-dir', dir]);
    expect(exported.code).toBe(5);
    expect(exported.stderr).toBe(
      'spool: no message or conversation with id no-such-id. `spool list` shows the ids.\n',
    );
    const inspected = await spool(['inspect', 'no-such-id', '--data-dir', dir]);
    expect(inspected.code).toBe(5);
    expect(inspected.stderr).toContain('no message with id no-such-id');
  });

  test('6 for a data dir without a library, which read commands do not create', async () => {
    const dir = tempDir();
    const commands = [['list'], ['recover'], ['inspect', 'x'], ['export', 'x', '--format', 'md']];
    const runs = await Promise.all(commands.map((args) => spool([...args, '--data-dir', dir])));
    for (const run of runs) {
      expect(run.code).toBe(6);
      expect(run.stderr).toContain(`no Spool library in ${dir}`);
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test('3 for a database from a newer Spool, which is left untouched', async () => {
    const dir = await emptyLibrary();
    const file = path.join(dir, 'spool.db');
    const db = new BetterSqlite3(file);
    db.pragma('user_version = 999');
    db.close();
    const run = await spool(['list', '--data-dir', dir]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('created by a newer version of Spool');
    const after = new BetterSqlite3(file, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(999);
    after.close();
  });

  test('4 for a database another process holds locked', async () => {
    const dir = await emptyLibrary();
    const holder = new BetterSqlite3(path.join(dir, 'spool.db'));
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const run = await spool(['list', '--data-dir', dir]);
      expect(run.code).toBe(4);
      expect(run.stderr).toContain('is locked by another process');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect((await spool(['list', '--data-dir', dir])).code).toBe(0);
  });

  test('0 and the usage on stdout for --help', async () => {
    const run = await spool(['--help']);
    expect(run.code).toBe(0);
    for (const name of ['chat', 'list', 'export', 'recover', 'inspect'])
      expect(run.stdout.toString()).toContain(name);
    const sub = await spool(['export', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout.toString()).toContain('Usage: spool export ID --format');
  });
});
