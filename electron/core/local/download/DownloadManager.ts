/**
 * Downloads of GGUF URLs into the models folder, with progress, Pause, Resume and
 * Cancel. A cut connection resumes by itself (Range from the bytes on disk, a few
 * times with backoff); a download that was running when the app stopped resumes at
 * the next start from its `.partial` (see downloadFile.ts). Progress is live-only:
 * it goes to `onChange`, never to the chunk log.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { LocalDownload } from '../../../../shared/api/schemas/localModels';
import {
  DownloadError,
  downloadPaths,
  fetchRest,
  finishDownload,
  partialSize,
  readSidecar,
  writeSidecar,
  type Sidecar,
} from './downloadFile';

export interface DownloadManagerOptions {
  modelsDir: string;
  /** Any change (progress included, at most every `progressMs`). */
  onChange(downloads: LocalDownload[]): void;
  /** A file finished and is in the models folder. */
  onComplete(fileName: string): void;
  progressMs?: number;
  /** Automatic resumes after a cut, before the download shows an error. */
  maxRetries?: number;
  retryDelayMs?: number;
}

interface Entry {
  state: LocalDownload;
  sidecar: Sidecar;
  controller?: AbortController;
  running?: Promise<void>;
}

/** A name that is one plain file in the models folder: no folders, no control characters, not `.`/`..`. */
export function isSafeFileName(name: string): boolean {
  return (
    name.length > 0 &&
    Buffer.byteLength(name) <= 200 &&
    name !== '.' &&
    name !== '..' &&
    path.basename(name) === name &&
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
    !/[/\\\u0000-\u001f\u007f]/.test(name)
  );
}

/** The file name a URL's last path segment gives (`model.gguf` when it gives none). Throws DownloadError. */
export function fileNameFromUrl(url: string): string {
  let last: string;
  try {
    last = new URL(url).pathname.split('/').pop() ?? '';
  } catch {
    throw new DownloadError(`"${url.slice(0, 200)}" is not a valid URL.`, false, true);
  }
  try {
    last = decodeURIComponent(last);
  } catch {
    // Not valid percent-encoding: the segment as written.
  }
  const name = /\.gguf$/i.test(last) ? last : `${last || 'model'}.gguf`;
  if (!isSafeFileName(name))
    throw new DownloadError(
      `The URL does not end in a usable file name ("${name.slice(0, 100)}"): give a file name.`,
      false,
      true,
    );
  return name;
}

export class DownloadManager {
  private readonly entries = new Map<string, Entry>();
  private lastProgress = 0;
  private closed = false;

  constructor(private readonly o: DownloadManagerOptions) {}

  list(): LocalDownload[] {
    return [...this.entries.values()].map((e) => ({ ...e.state }));
  }

  /** Finds downloads left by an earlier run; resumes those that were not paused. */
  async restore(): Promise<void> {
    let names: string[] = [];
    try {
      names = await fs.readdir(this.o.modelsDir);
    } catch {
      return;
    }
    for (const name of names.filter((n) => n.endsWith('.partial.json'))) {
      const sidecar = await readSidecar(path.join(this.o.modelsDir, name));
      if (!sidecar || this.entries.has(sidecar.fileName)) continue;
      const paths = downloadPaths(this.o.modelsDir, sidecar.fileName);
      const entry = this.entry(sidecar, await partialSize(paths.partial), 'paused');
      if (sidecar.checking && !sidecar.failed) {
        sidecar.failed =
          'Spool stopped while checking this file, so it was not checked again by itself. ' +
          'Resume to check it again, or Cancel to delete it.';
        sidecar.checking = false;
        await writeSidecar(paths.sidecar, sidecar);
      }
      if (sidecar.failed) {
        entry.state.state = 'error';
        entry.state.error = sidecar.failed;
      } else if (!sidecar.paused) this.run(entry);
    }
    this.changed(true);
  }

  async start(request: { url: string; fileName?: string; sha256?: string }): Promise<LocalDownload> {
    const fileName = request.fileName ?? fileNameFromUrl(request.url);
    if (!isSafeFileName(fileName)) throw new DownloadError(`"${fileName}" is not a file name.`, false, true);
    const existing = this.entries.get(fileName);
    if (existing && existing.state.state !== 'error' && existing.state.state !== 'done') {
      throw new DownloadError(`${fileName} is already being downloaded.`, false);
    }
    const paths = downloadPaths(this.o.modelsDir, fileName);
    if (
      await fs.stat(paths.final).then(
        () => true,
        () => false,
      )
    ) {
      throw new DownloadError(`${fileName} is already in the models folder.`, false);
    }
    await fs.mkdir(this.o.modelsDir, { recursive: true });
    const previous = await readSidecar(paths.sidecar);
    const sameFile = previous?.url === request.url;
    const sidecar: Sidecar = {
      url: request.url,
      fileName,
      totalBytes: sameFile ? previous.totalBytes : null,
      sha256: request.sha256?.toLowerCase() ?? (sameFile ? previous.sha256 : null),
      paused: false,
    };
    if (!sameFile) await fs.rm(paths.partial, { force: true });
    await writeSidecar(paths.sidecar, sidecar);
    const entry = this.entry(sidecar, await partialSize(paths.partial), 'downloading');
    this.run(entry);
    return { ...entry.state };
  }

  async pause(id: string): Promise<LocalDownload> {
    const entry = this.get(id);
    if (entry.state.state === 'downloading') {
      entry.sidecar.paused = true;
      await writeSidecar(downloadPaths(this.o.modelsDir, id).sidecar, entry.sidecar);
      entry.controller?.abort();
      await entry.running;
      entry.state.state = 'paused';
      this.changed(true);
    }
    return { ...entry.state };
  }

  async resume(id: string): Promise<LocalDownload> {
    const entry = this.get(id);
    if (entry.state.state === 'paused' || entry.state.state === 'error') {
      entry.sidecar.paused = false;
      entry.sidecar.failed = null;
      entry.sidecar.checking = false;
      await writeSidecar(downloadPaths(this.o.modelsDir, id).sidecar, entry.sidecar);
      this.run(entry);
    }
    return { ...entry.state };
  }

  async cancel(id: string): Promise<void> {
    const entry = this.get(id);
    entry.controller?.abort();
    await entry.running;
    this.entries.delete(id);
    if (entry.state.state !== 'done') {
      const paths = downloadPaths(this.o.modelsDir, id);
      await fs.rm(paths.partial, { force: true });
      await fs.rm(paths.sidecar, { force: true });
    }
    this.changed(true);
  }

  /** Stops the transfers, keeping their partials (they resume at the next start). */
  async close(): Promise<void> {
    this.closed = true;
    const running = [...this.entries.values()];
    for (const e of running) e.controller?.abort();
    await Promise.all(running.map((e) => e.running));
  }

  /** Waits for a download to leave the 'downloading'/'verifying' states (tests, the CLI). */
  async settled(id: string): Promise<LocalDownload> {
    await this.entries.get(id)?.running;
    return { ...this.get(id).state };
  }

  private get(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new DownloadError(`No download ${id}.`, false);
    return entry;
  }

  private entry(sidecar: Sidecar, received: number, state: LocalDownload['state']): Entry {
    const entry: Entry = {
      sidecar,
      state: {
        id: sidecar.fileName,
        url: sidecar.url,
        fileName: sidecar.fileName,
        state,
        receivedBytes: received,
        totalBytes: sidecar.totalBytes,
        sha256: sidecar.sha256,
        error: null,
      },
    };
    this.entries.set(sidecar.fileName, entry);
    return entry;
  }

  private run(entry: Entry): void {
    if (this.closed || entry.running) return;
    const controller = new AbortController();
    entry.controller = controller;
    entry.state.state = 'downloading';
    entry.state.error = null;
    this.changed(true);
    entry.running = this.transfer(entry, controller.signal).finally(() => {
      entry.running = undefined;
      entry.controller = undefined;
    });
  }

  private async transfer(entry: Entry, signal: AbortSignal): Promise<void> {
    const paths = downloadPaths(this.o.modelsDir, entry.sidecar.fileName);
    const maxRetries = this.o.maxRetries ?? 5;
    for (let attempt = 0; ; attempt++) {
      try {
        await fetchRest({
          paths,
          sidecar: entry.sidecar,
          signal,
          onBytes: (received, total) => {
            entry.state.receivedBytes = received;
            entry.state.totalBytes = total;
            this.changed(false);
          },
        });
        entry.state.state = 'verifying';
        this.changed(true);
        entry.sidecar.checking = true;
        await writeSidecar(paths.sidecar, entry.sidecar);
        await finishDownload(paths, entry.sidecar);
        entry.state.state = 'done';
        this.changed(true);
        this.o.onComplete(entry.sidecar.fileName);
        return;
      } catch (err) {
        if (signal.aborted) return; // Pause, Cancel or quit: the partial stays
        entry.state.receivedBytes = await partialSize(paths.partial);
        const retryable = err instanceof DownloadError ? err.retryable : true;
        if (retryable && attempt < maxRetries) {
          const delay = (this.o.retryDelayMs ?? 1000) * 2 ** attempt;
          if (await wait(delay, signal)) continue;
          return;
        }
        entry.state.state = 'error';
        entry.state.error = (err as Error).message;
        entry.sidecar.failed = entry.state.error;
        entry.sidecar.checking = false;
        await writeSidecar(paths.sidecar, entry.sidecar).catch(() => undefined);
        this.changed(true);
        return;
      }
    }
  }

  private changed(now: boolean): void {
    const t = Date.now();
    if (!now && t - this.lastProgress < (this.o.progressMs ?? 200)) return;
    this.lastProgress = t;
    this.o.onChange(this.list());
  }
}

function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => resolve(true), ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve(false)), { once: true });
  });
}
