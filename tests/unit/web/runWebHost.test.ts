import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runWebHost } from '../../../electron/web/main';
import { makeStaticDir, request } from './helpers';
import { makeTempDir } from '../../helpers/tempDir';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const opened: string[] = [];
  return {
    out,
    err,
    opened,
    io: {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      openUrl: async (url: string) => {
        opened.push(url);
        return 'no browser here';
      },
      staticDir: makeStaticDir(),
    },
  };
}

describe('runWebHost (in process)', () => {
  it('tells the user on stderr that a corrupt database was moved aside, and still starts', async () => {
    const dataDir = makeTempDir('spool-run-').dir;
    fs.writeFileSync(path.join(dataDir, 'spool.db'), 'this is not a database, it is a note');
    const t = io();
    const run = await runWebHost(['--data-dir', dataDir, '--no-open'], t.io);
    try {
      expect(run.running).toBe(true);
      expect(t.err.join('\n')).toMatch(/moved aside to .*spool\.db\.corrupt-/);
      expect(t.out).toHaveLength(1);
    } finally {
      if (run.running) await run.stop();
    }
  });

  it('opens the URL in a browser unless --no-open, and a browser that fails to open is not fatal', async () => {
    const t = io();
    const run = await runWebHost(['--data-dir', makeTempDir('spool-run-').dir], t.io);
    try {
      expect(run.running).toBe(true);
      if (!run.running) return;
      // Opened through a 0600 file that redirects to the URL: the token is on no command line.
      expect(t.opened).toHaveLength(1);
      expect(t.opened[0]).not.toContain(run.host.token);
      const file = fileURLToPath(t.opened[0]!);
      expect(fs.readFileSync(file, 'utf8')).toContain(`url=${run.host.url}`);
      if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(t.err.join('\n')).toContain('could not open a browser (no browser here)');
      expect((await request(run.host.port, `/?token=${run.host.token}`)).status).toBe(200);
    } finally {
      if (run.running) await run.stop();
    }
  });

  it('closes the library on stop, so the data dir can be opened again at once', async () => {
    const dataDir = makeTempDir('spool-run-').dir;
    const first = await runWebHost(['--data-dir', dataDir, '--no-open'], io().io);
    if (!first.running) throw new Error('did not start');
    await first.stop();
    // The core's connection closed last, so it checkpointed and removed the WAL: the library is closed.
    expect(fs.existsSync(first.core.info.dbPath)).toBe(true);
    expect(fs.existsSync(`${first.core.info.dbPath}-wal`)).toBe(false);
    const second = await runWebHost(['--data-dir', dataDir, '--no-open'], io().io);
    expect(second.running).toBe(true);
    if (second.running) await second.stop();
  });

  it('starts again on the same data folder with the same port and token, so an open tab reconnects', async () => {
    const dataDir = makeTempDir('spool-run-').dir;
    const first = await runWebHost(['--data-dir', dataDir, '--no-open'], io().io);
    if (!first.running) throw new Error('did not start');
    const { port, token } = first.host;
    await first.stop();
    if (process.platform !== 'win32')
      expect(fs.statSync(path.join(dataDir, 'browser-mode.json')).mode & 0o777).toBe(0o600);
    const second = await runWebHost(['--data-dir', dataDir, '--no-open'], io().io);
    try {
      if (!second.running) throw new Error('did not start');
      expect(second.host.port).toBe(port);
      expect(second.host.token).toBe(token);
    } finally {
      if (second.running) await second.stop();
    }
  });

  it('does not trust a remembered token that other users could read', async () => {
    const dataDir = makeTempDir('spool-run-').dir;
    const first = await runWebHost(['--data-dir', dataDir, '--no-open'], io().io);
    if (!first.running) throw new Error('did not start');
    await first.stop();
    fs.chmodSync(path.join(dataDir, 'browser-mode.json'), 0o644);
    const second = await runWebHost(['--data-dir', dataDir, '--no-open'], io().io);
    try {
      if (!second.running) throw new Error('did not start');
      if (process.platform !== 'win32') expect(second.host.token).not.toBe(first.host.token);
    } finally {
      if (second.running) await second.stop();
    }
  });

  it('prints its usage for --help and exits 0', async () => {
    const t = io();
    const run = await runWebHost(['--help'], t.io);
    expect(run).toEqual({ running: false, exitCode: 0 });
    expect(t.out.join('\n')).toMatch(/^Usage: npm run web -- \[--port N\]/);
  });
});
