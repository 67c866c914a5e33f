import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DownloadManager } from '../../../electron/core/local/download/DownloadManager';
import { sha256Of } from '../../../electron/core/local/download/downloadFile';
import { makeTempDir } from '../../helpers/tempDir';
import { HAS_MODEL, REPO_ROOT, TEST_MODEL, TEST_MODEL_BYTES, TEST_MODEL_SHA256 } from './model';
import { startModelServer, type ModelServer } from './modelServer';
import { waitFor } from '../../helpers/waitFor';

describe.skipIf(!HAS_MODEL)('the model download manager', () => {
  const tmp = makeTempDir('spool-download-');
  let server: ModelServer;
  let n = 0;
  beforeAll(async () => {
    server = await startModelServer(TEST_MODEL);
  });
  afterAll(async () => {
    await server?.close();
    tmp.cleanup();
  });

  function manager(modelsDir: string, done: string[] = []) {
    return new DownloadManager({
      modelsDir,
      onChange: () => {},
      onComplete: (f) => done.push(f),
      retryDelayMs: 10,
    });
  }
  const freshDir = () => path.join(tmp.dir, `models-${++n}`);

  it('downloads a GGUF file into the models folder and checks its sha256', async () => {
    const dir = freshDir();
    const done: string[] = [];
    const m = manager(dir, done);
    const started = await m.start({ url: server.url, sha256: TEST_MODEL_SHA256 });
    const end = await m.settled(started.id);
    expect(end).toMatchObject({
      state: 'done',
      receivedBytes: TEST_MODEL_BYTES,
      totalBytes: TEST_MODEL_BYTES,
    });
    expect(done).toEqual(['model.gguf']);
    expect(await sha256Of(path.join(dir, 'model.gguf'))).toBe(TEST_MODEL_SHA256);
    expect(fs.readdirSync(dir)).toEqual(['model.gguf']);
  });

  it('a connection cut half-way resumes with a Range request and ends with the right sha256', async () => {
    const dir = freshDir();
    server.ranges.length = 0;
    server.cutAfter.push(TEST_MODEL_BYTES / 2);
    const m = manager(dir);
    const end = await m.settled((await m.start({ url: server.url, sha256: TEST_MODEL_SHA256 })).id);
    expect(end.state).toBe('done');
    // The second request starts after the bytes that reached the disk (at most the half sent).
    expect(server.ranges).toHaveLength(2);
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(server.ranges[1] ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(TEST_MODEL_BYTES / 2);
    expect(await sha256Of(path.join(dir, 'model.gguf'))).toBe(TEST_MODEL_SHA256);
  });

  it('Pause keeps the partial file and Resume finishes it from there', async () => {
    const dir = freshDir();
    server.bytesPerTick = 20_000;
    try {
      const m = manager(dir);
      const { id } = await m.start({ url: server.url });
      await waitFor(() => (m.list()[0]?.receivedBytes ?? 0) > 50_000, 'some bytes');
      const paused = await m.pause(id);
      expect(paused.state).toBe('paused');
      const kept = fs.statSync(path.join(dir, 'model.gguf.partial')).size;
      expect(kept).toBeGreaterThan(0);
      server.bytesPerTick = 0;
      server.ranges.length = 0;
      await m.resume(id);
      expect((await m.settled(id)).state).toBe('done');
      expect(server.ranges).toEqual([`bytes=${kept}-`]);
      expect(await sha256Of(path.join(dir, 'model.gguf'))).toBe(TEST_MODEL_SHA256);
    } finally {
      server.bytesPerTick = 0;
    }
  });

  it('a download whose process was SIGKILLed resumes from its .partial in a new process', async () => {
    const dir = freshDir();
    server.bytesPerTick = 10_000;
    const run = () => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(REPO_ROOT, 'tests/unit/local/downloadChild.ts'),
          dir,
          server.url,
          TEST_MODEL_SHA256,
        ],
        { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const lines: string[] = [];
      createInterface({ input: child.stdout! }).on('line', (l) => lines.push(l));
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      return { child, lines, exited };
    };
    try {
      const first = run();
      await waitFor(
        () => first.lines.some((l) => Number(l.split(' ')[1]) > 100_000),
        'the first process to get bytes',
        60_000,
      );
      first.child.kill('SIGKILL');
      await first.exited;
      const kept = fs.statSync(path.join(dir, 'model.gguf.partial')).size;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(TEST_MODEL_BYTES);
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'model.gguf.partial.json'), 'utf8'))).toMatchObject({
        url: server.url,
        sha256: TEST_MODEL_SHA256,
      });

      server.bytesPerTick = 0;
      server.ranges.length = 0;
      const second = run();
      await second.exited;
      expect(second.lines.at(-1)).toBe('done');
      expect(server.ranges[0]).toMatch(/^bytes=\d+-$/);
      expect(Number(/\d+/.exec(server.ranges[0]!)![0])).toBeGreaterThanOrEqual(kept);
      expect(await sha256Of(path.join(dir, 'model.gguf'))).toBe(TEST_MODEL_SHA256);
    } finally {
      server.bytesPerTick = 0;
    }
  }, 120_000);

  it('a sha256 that does not match ends in an error and deletes the bad file', async () => {
    const dir = freshDir();
    const m = manager(dir);
    const end = await m.settled((await m.start({ url: server.url, sha256: '0'.repeat(64) })).id);
    expect(end.state).toBe('error');
    expect(end.error).toMatch(/sha256/);
    expect(fs.existsSync(path.join(dir, 'model.gguf'))).toBe(false);
  });

  it('a URL that serves something other than GGUF ends in an error that says so', async () => {
    const other = await startModelServer(path.join(REPO_ROOT, 'package.json'), 'fake.gguf');
    try {
      const m = manager(freshDir());
      const end = await m.settled((await m.start({ url: other.url })).id);
      expect(end.state).toBe('error');
      expect(end.error).toMatch(/not a GGUF model file/);
    } finally {
      await other.close();
    }
  });

  it('a 404 is an error at once, not retried forever', async () => {
    const m = manager(freshDir());
    const end = await m.settled(
      (await m.start({ url: server.url.replace('model.gguf', 'missing.gguf') })).id,
    );
    expect(end).toMatchObject({ state: 'error', error: expect.stringMatching(/404/) });
  });
});
