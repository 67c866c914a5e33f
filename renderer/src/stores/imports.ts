import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ImportProgress } from '../../../shared/api/schemas/import';
import type { ApiClient } from '../api/client';
import { describeError } from '../api/errors';
import type { AppStores } from './index';

/** Sends a file to the host (browser mode) and answers its upload id. */
export type Upload = (file: Blob, onProgress: (sent: number, total: number) => void) => Promise<string>;

export interface ImportsState {
  /** Browser mode: bytes of the file sent so far, before the import starts. */
  uploading: { sent: number; total: number } | null;
  /** The import running now, as its last progress event said. */
  running: ImportProgress | null;
  /** How the last import ended (done, failed, cancelled), or why it could not start. */
  finished: ImportProgress | null;
  error: string | null;
  /** Desktop: the OS file picker, then the import. Resolves when the import ends. */
  pickAndImport(): Promise<void>;
  /** Browser mode: uploads the file, then imports it. */
  uploadAndImport(file: Blob): Promise<void>;
  cancel(): Promise<void>;
}

export function createImportsStore(client: ApiClient, upload: Upload) {
  // Progress may arrive before import.start answers with the id: keep the latest per id.
  const latest = new Map<string, ImportProgress>();
  let current: string | null = null;
  const ended = new Map<string, () => void>();

  const store = createStore<ImportsState>()((set) => {
    async function run(start: () => Promise<{ importId: string }>): Promise<void> {
      set({ error: null, finished: null });
      try {
        const { importId } = await start();
        current = importId;
        const seen = latest.get(importId);
        if (seen && seen.state !== 'running') return finish(seen);
        set({ running: seen ?? null, uploading: null });
        await new Promise<void>((resolve) => ended.set(importId, resolve));
      } catch (err) {
        set({ error: describeError(err), uploading: null, running: null });
      }
    }
    return {
      uploading: null,
      running: null,
      finished: null,
      error: null,
      async pickAndImport() {
        const chosen = await client.call('import.choose', {}).catch((err: unknown) => {
          set({ error: describeError(err) });
          return null;
        });
        if (!chosen?.path) return;
        const path = chosen.path;
        await run(() => client.call('import.start', { path }));
      },
      async uploadAndImport(file) {
        set({ uploading: { sent: 0, total: file.size } });
        await run(async () => {
          const uploadId = await upload(file, (sent, total) => set({ uploading: { sent, total } }));
          return client.call('import.start', { uploadId });
        });
      },
      async cancel() {
        if (current) await client.call('import.cancel', { importId: current }).catch(() => {});
      },
    };
  });

  function finish(progress: ImportProgress): void {
    store.setState({ running: null, uploading: null, finished: progress });
    ended.get(progress.importId)?.();
    ended.delete(progress.importId);
  }

  client.on('import.progress', (progress) => {
    latest.set(progress.importId, progress);
    if (progress.importId !== current) return;
    if (progress.state === 'running') store.setState({ running: progress, uploading: null });
    else finish(progress);
  });
  return store;
}

const perClient = new WeakMap<ApiClient, StoreApi<ImportsState>>();

/**
 * The imports store of this window (one per API client, made on first use). `upload`
 * is browser mode's POST (../upload.ts), given by the page so the store needs no DOM.
 */
export function importsStore(stores: AppStores, upload: Upload): StoreApi<ImportsState> {
  let store = perClient.get(stores.client);
  if (!store) {
    store = createImportsStore(stores.client, upload);
    perClient.set(stores.client, store);
  }
  return store;
}

/** Whole percent of bytes read; 0 until the size is known. */
export function importPercent(p: { bytesRead: number; totalBytes: number }): number {
  return p.totalBytes > 0 ? Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100)) : 0;
}
