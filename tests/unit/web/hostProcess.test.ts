import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../shared/exitCodes';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { request, TestSocket } from './helpers';
import { makeTempDir } from '../../helpers/tempDir';
import { spawnWebHost, type WebHostChild } from '../../helpers/webHostProcess';

const LINE = /^Spool is running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

function spawnHost(args: string[]): WebHostChild {
  const host = spawnWebHost(args);
  children.push(host.child);
  return host;
}

describe('npm run web (electron/web/main.ts as a child process)', () => {
  it('prints exactly one stdout line, "Spool is running at http://127.0.0.1:<port>/?token=<token>"', async () => {
    const host = spawnHost(['--data-dir', makeTempDir('spool-proc-').dir, '--no-open']);
    const line = await host.firstLine();
    expect(line).toMatch(LINE);
    const [, port, token] = LINE.exec(line)!;
    expect((await request(Number(port), '/auth/check')).status).toBe(401);
    expect((await request(Number(port), '/auth/check', { Authorization: `Bearer ${token}` })).status).toBe(
      204,
    );
    expect([200, 503]).toContain((await request(Number(port), `/?token=${token}`)).status);
    host.child.kill('SIGTERM');
    expect((await host.exited).code).toBe(0);
    expect(host.stdout()).toBe(line + '\n');
  });

  it('listens on the port given with --port', async () => {
    const port = await freePort();
    const host = spawnHost([
      '--port',
      String(port),
      '--data-dir',
      makeTempDir('spool-proc-').dir,
      '--no-open',
    ]);
    expect(LINE.exec(await host.firstLine())![1]).toBe(String(port));
    host.child.kill('SIGTERM');
    expect((await host.exited).code).toBe(0);
  });

  it('exits 10 (port taken) with a clear message when --port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const host = spawnHost([
        '--port',
        String(port),
        '--data-dir',
        makeTempDir('spool-proc-').dir,
        '--no-open',
      ]);
      expect((await host.exited).code).toBe(EXIT.portTaken);
      expect(host.stderr()).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(host.stdout()).toBe('');
    } finally {
      blocker.close();
    }
  });

  it('shuts down on SIGTERM with exit 0, the database closed cleanly and its data kept', async () => {
    const dataDir = makeTempDir('spool-proc-').dir;
    const host = spawnHost(['--data-dir', dataDir, '--no-open']);
    const [, port, token] = LINE.exec(await host.firstLine())!;
    const origin = `http://127.0.0.1:${port}`;
    const socket = await TestSocket.open(
      { port: Number(port), token: token!, url: '', close: async () => {} },
      origin,
    );
    expect((await socket.call(1, 'conversations.create', { title: 'Survives shutdown' })).ok).toBe(true);

    host.child.kill('SIGTERM');
    expect(await host.exited).toEqual({ code: 0, signal: null });
    await socket.closed();
    // A clean close checkpoints the WAL and removes it; a killed process leaves it behind.
    expect(fs.existsSync(path.join(dataDir, 'spool.db-wal'))).toBe(false);
    const reopened = SpoolCore.open({ dataDir, mode: 'test' });
    try {
      expect(reopened.conversations.list().map((c) => c.title)).toContain('Survives shutdown');
    } finally {
      await reopened.close();
    }
  });

  it('shuts down on SIGINT with exit 0', async () => {
    const host = spawnHost(['--data-dir', makeTempDir('spool-proc-').dir, '--no-open']);
    await host.firstLine();
    host.child.kill('SIGINT');
    expect((await host.exited).code).toBe(0);
  });

  it('exits 2 with a usage message on an unknown flag', async () => {
    const host = spawnHost(['--prot', '5199']);
    expect((await host.exited).code).toBe(2);
    expect(host.stderr()).toMatch(/Unknown option '--prot'/);
    expect(host.stderr()).toContain('Usage: npm run web --');
    expect(host.stdout()).toBe('');
  });

  it('exits 2 on a --port that is not a port number', async () => {
    const host = spawnHost(['--port', '70000', '--no-open']);
    expect((await host.exited).code).toBe(2);
    expect(host.stderr()).toContain('--port must be a number from 0 to 65535');
  });

  it('exits 3 with one clear line when the database is from a newer Spool, leaving it untouched', async () => {
    const dataDir = makeTempDir('spool-proc-').dir;
    const file = path.join(dataDir, 'spool.db');
    const db = new BetterSqlite3(file);
    db.pragma('user_version = 999');
    db.close();
    const before = fs.readFileSync(file);
    const host = spawnHost(['--data-dir', dataDir, '--no-open']);
    expect((await host.exited).code).toBe(3);
    expect(host.stderr().trim().split('\n')).toHaveLength(1);
    expect(host.stderr()).toContain('newer version of Spool');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('exits 7 (failed, as for the CLI) when the library cannot be opened for another reason', async () => {
    // A file where the data folder should be: no database can be made there.
    const dataDir = path.join(makeTempDir('spool-proc-').dir, 'not-a-folder');
    fs.writeFileSync(dataDir, 'x');
    const host = spawnHost(['--data-dir', dataDir, '--no-open']);
    expect((await host.exited).code).toBe(EXIT.failed);
    expect(host.stderr()).toContain('spool web:');
    expect(host.stdout()).toBe('');
  });
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
