/**
 * Hostile files never cost Spool a crash, a hang or its memory: a crafted GGUF ends in
 * a typed error within the check's bounds; a FIFO is refused before anything reads
 * it; a bad file in models/ is listed with its error; a download that fails its check
 * is not checked again at the next start.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ParseLimitError, runBounded } from '../../../electron/core/files/boundedWorker';
import { readLocalModelInfo, LocalModelError } from '../../../electron/core/local/ggufInfo';
import { DownloadManager } from '../../../electron/core/local/download/DownloadManager';
import type { LocalModelList } from '../../../shared/api/schemas/localModels';
import { openCore } from '../chat/helpers';
import { makeTempDir } from '../../helpers/tempDir';
import { REPO_ROOT } from '../local/model';
import { CRAFTED_GGUF } from './craftedGguf';

const tmp = makeTempDir('spool-hostile-');
afterAll(tmp.cleanup);

function writeCrafted(dir: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return Object.entries(CRAFTED_GGUF).map(([name, bytes]) => {
    const file = path.join(dir, `${name}.gguf`);
    fs.writeFileSync(file, bytes);
    return file;
  });
}

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

/** The 15 bytes end inside the tensor count (cut off); the others declare what the file cannot hold. */
const expectedCode = (file: string) => (file.includes('fifteen-bytes') ? 'truncated' : 'malformed');

const RUNAWAY = {
  built: new URL('./runaway.worker.js', import.meta.url),
  source: new URL('./runaway.worker.ts', import.meta.url),
};

describe('the bounded parser worker', () => {
  it('stops a parser that never finishes at its deadline', async () => {
    const err = await runBounded(RUNAWAY, { mode: 'spin' }, { timeoutMs: 1500, maxHeapMb: 64 }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ParseLimitError);
    expect((err as ParseLimitError).limit).toBe('time');
  });

  it('stops a parser that allocates without end at its heap limit', async () => {
    const err = await runBounded(RUNAWAY, { mode: 'hog' }, { timeoutMs: 60_000, maxHeapMb: 32 }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ParseLimitError);
    expect((err as ParseLimitError).limit).toBe('memory');
  });
});

describe('crafted GGUF headers', () => {
  it('each end in a typed error (cut off or malformed), in a process whose peak memory stays small', () => {
    const files = writeCrafted(path.join(tmp.dir, 'crafted'));
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'tests/unit/files/checkCrafted.ts'), ...files],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' },
    );
    expect(child.signal, child.stderr).toBeNull();
    expect(child.status, child.stderr).toBe(0);
    const { outcomes, maxRssMb } = JSON.parse(child.stdout.trim().split('\n').pop()!) as {
      outcomes: Record<string, string>;
      maxRssMb: number;
    };
    for (const file of files) expect(outcomes[file], file).toBe(`LocalModelError:${expectedCode(file)}`);
    // Before the bounded reader, the 15-byte file alone grew the heap until the process died.
    expect(maxRssMb).toBeLessThan(400);
  });

  it('the 15-byte file says what is wrong with it', async () => {
    const [file] = writeCrafted(path.join(tmp.dir, 'one'));
    const err = (await readLocalModelInfo(file!, 'added', file!).catch((e) => e)) as LocalModelError;
    expect(err).toBeInstanceOf(LocalModelError);
    expect(err.message).toMatch(
      /fifteen-bytes\.gguf has a broken or cut-off GGUF header: .*number of tensors/,
    );
  });
});

describe.skipIf(process.platform === 'win32')('special files named *.gguf', () => {
  it('a FIFO is refused as unreadable without opening it', async () => {
    const fifo = path.join(tmp.dir, 'pipe.gguf');
    mkfifo(fifo);
    const err = (await readLocalModelInfo(fifo, 'added', fifo).catch((e) => e)) as LocalModelError;
    expect(err).toBeInstanceOf(LocalModelError);
    expect(err.code).toBe('unreadable');
    expect(err.message).toMatch(/not a regular file/);
  });

  it('FIFOs and crafted headers in models/ are listed with their errors, and the library starts and answers', async () => {
    const dataDir = path.join(tmp.dir, 'library');
    writeCrafted(path.join(dataDir, 'models'));
    mkfifo(path.join(dataDir, 'models', 'pipe.gguf'));
    // FIFOs where Spool reads JSON at start: a download's sidecar and the list of added files.
    mkfifo(path.join(dataDir, 'models', 'stuck.gguf.partial.json'));
    mkfifo(path.join(dataDir, 'local-models.json'));
    const t = openCore(dataDir);
    try {
      const list = await t.ok<LocalModelList>('localModels.list', {});
      expect(list.models).toEqual([]);
      const codes = Object.fromEntries(list.problems.map((p) => [path.basename(p.path), p.code]));
      expect(codes['pipe.gguf']).toBe('unreadable');
      for (const name of Object.keys(CRAFTED_GGUF))
        expect(codes[`${name}.gguf`], name).toBe(expectedCode(name));
      const added = await t.call('localModels.add', { path: path.join(dataDir, 'models', 'pipe.gguf') });
      expect(added).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      expect(await t.ok('conversations.list', {})).toBeDefined();
    } finally {
      await t.core.close();
    }
    expect(t.recorded.internalErrors).toEqual([]);
  });
});

describe('a download that fails its check', () => {
  it('ends in an error state and is not checked again at the next start', async () => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-length': CRAFTED_GGUF['fifteen-bytes']!.length });
      res.end(CRAFTED_GGUF['fifteen-bytes']);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/evil.gguf`;
    const modelsDir = path.join(tmp.dir, 'downloads');
    const manager = () =>
      new DownloadManager({ modelsDir, onChange: () => {}, onComplete: () => {}, retryDelayMs: 10 });
    try {
      const first = manager();
      const end = await first.settled((await first.start({ url })).id);
      expect(end).toMatchObject({ state: 'error', error: expect.stringMatching(/cut-off GGUF header/) });
      await first.close();
      const seen = requests;

      const next = manager();
      await next.restore();
      const restored = await next.settled('evil.gguf');
      expect(restored).toMatchObject({ state: 'error', error: end.error });
      expect(requests).toBe(seen);
      await next.close();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('that was being checked when the process died is shown as an error at the next start, not checked again', async () => {
    const modelsDir = path.join(tmp.dir, 'died');
    fs.mkdirSync(modelsDir);
    fs.writeFileSync(path.join(modelsDir, 'x.gguf.partial'), CRAFTED_GGUF['fifteen-bytes']!);
    const sidecar = {
      url: 'http://127.0.0.1:9/x.gguf',
      fileName: 'x.gguf',
      totalBytes: 15,
      sha256: null,
      paused: false,
      checking: true,
    };
    fs.writeFileSync(path.join(modelsDir, 'x.gguf.partial.json'), JSON.stringify(sidecar));
    const m = new DownloadManager({ modelsDir, onChange: () => {}, onComplete: () => {} });
    await m.restore();
    expect(await m.settled('x.gguf')).toMatchObject({
      state: 'error',
      error: expect.stringMatching(/stopped while checking/),
    });
    await m.close();
  });
});
