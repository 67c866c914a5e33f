import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../renderer/src/api/client';
import type { ApiTransport, ConnectionStatus } from '../../../renderer/src/api/transport';
import { createExportsStore, percentDone } from '../../../renderer/src/stores/exports';
import type { ApiEventMessage } from '../../../shared/api/events';
import type { ApiResult } from '../../../shared/api/result';
import type { ExportDescription, ExportSaveResult, ExportTarget } from '../../../shared/api/schemas/export';

/**
 * The exports store against a scripted transport: each `export.save` waits until the
 * test answers it, so what the store shows meanwhile can be checked. (The real
 * transport and host are covered by tests/e2e/export.spec.ts.)
 */
class ScriptedTransport implements ApiTransport {
  readonly status: ConnectionStatus = 'open';
  readonly calls: { channel: string; payload: unknown; answer(result: ApiResult<unknown>): void }[] = [];
  private readonly listeners = new Set<(event: ApiEventMessage) => void>();

  call(channel: string, payload: unknown): Promise<ApiResult<unknown>> {
    return new Promise((answer) => this.calls.push({ channel, payload, answer }));
  }
  onEvent(listener: (event: ApiEventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  onStatus(): () => void {
    return () => {};
  }
  close(): void {}

  emit(event: ApiEventMessage): void {
    for (const listener of this.listeners) listener(event);
  }
}

const target: ExportTarget = { kind: 'message', messageId: 'msg-1', format: 'text' };
const description = (over: Partial<ExportDescription> = {}): ExportDescription => ({
  fileName: 'reply.txt',
  mimeType: 'text/plain; charset=utf-8',
  directory: false,
  incomplete: false,
  warning: null,
  downloadPath: '/export?kind=message&format=text&id=msg-1',
  ...over,
});
const WARNING = 'This reply was not being saved: the export may be incomplete.';

function setUp() {
  const transport = new ScriptedTransport();
  const errors: { err: unknown; context: string }[] = [];
  const downloads: { path: string; fileName: string }[] = [];
  let ids = 0;
  const store = createExportsStore(
    new ApiClient(transport),
    (err, context) => errors.push({ err, context }),
    {
      download: (path, fileName) => downloads.push({ path, fileName }),
      newId: () => `export-${++ids}`,
    },
  );
  /** Starts an export and returns how to answer its `export.save`. */
  const start = () => {
    const done = store.getState().start(target, 'Reply');
    const call = transport.calls.at(-1)!;
    const answer = async (result: ApiResult<ExportSaveResult>) => {
      call.answer(result);
      await done;
    };
    return { call, answer };
  };
  const progress = (exportId: string, done: number, total: number) =>
    transport.emit({ name: 'export.progress', payload: { exportId, done, total } });
  return { store, errors, downloads, start, progress };
}

describe('the exports store', () => {
  it('sends export.save with the target and a fresh export id each time', () => {
    const { start } = setUp();
    const first = start().call;
    const second = start().call;
    expect(first.channel).toBe('export.save');
    expect(first.payload).toEqual({ target, exportId: 'export-1' });
    expect(second.payload).toEqual({ target, exportId: 'export-2' });
  });

  it('shows a running export fed by the progress events tagged with its id', () => {
    const { store, start, progress } = setUp();
    start();
    expect(store.getState().running).toEqual([{ exportId: 'export-1', label: 'Reply', done: 0, total: 0 }]);
    progress('export-1', 40, 100);
    expect(store.getState().running[0]).toMatchObject({ done: 40, total: 100 });
    expect(percentDone(store.getState().running[0]!)).toBe(40);
  });

  it('ignores progress events of exports it did not start', () => {
    const { store, start, progress } = setUp();
    start();
    progress('someone-else', 5, 10);
    expect(store.getState().running[0]).toMatchObject({ done: 0, total: 0 });
  });

  it('a saved export ends its progress and says "Saved to <path>"', async () => {
    const { store, start } = setUp();
    await start().answer({
      ok: true,
      data: {
        outcome: 'saved',
        path: '/home/me/reply.txt',
        bytes: 12,
        files: 1,
        incomplete: false,
        warning: null,
      },
    });
    expect(store.getState().running).toEqual([]);
    expect(store.getState().notices).toEqual([
      { id: 1, message: 'Saved to /home/me/reply.txt', warning: null },
    ]);
  });

  it('a saved export that may be incomplete carries its warning', async () => {
    const { store, start } = setUp();
    await start().answer({
      ok: true,
      data: { outcome: 'saved', path: '/tmp/r.txt', bytes: 3, files: 1, incomplete: true, warning: WARNING },
    });
    expect(store.getState().notices[0]).toMatchObject({ message: 'Saved to /tmp/r.txt', warning: WARNING });
  });

  it('a cancelled save dialog leaves no notice, no error and nothing running', async () => {
    const { store, errors, downloads, start } = setUp();
    await start().answer({ ok: true, data: { outcome: 'cancelled' } });
    expect(store.getState()).toMatchObject({ running: [], notices: [] });
    expect(errors).toEqual([]);
    expect(downloads).toEqual([]);
  });

  it('in browser mode it downloads the description’s path under its file name, silently when complete', async () => {
    const { store, downloads, start } = setUp();
    await start().answer({ ok: true, data: { outcome: 'download', description: description() } });
    expect(downloads).toEqual([{ path: '/export?kind=message&format=text&id=msg-1', fileName: 'reply.txt' }]);
    expect(store.getState()).toMatchObject({ running: [], notices: [] });
  });

  it('a download that may be incomplete shows its warning', async () => {
    const { store, downloads, start } = setUp();
    await start().answer({
      ok: true,
      data: { outcome: 'download', description: description({ incomplete: true, warning: WARNING }) },
    });
    expect(downloads).toHaveLength(1);
    expect(store.getState().notices).toEqual([{ id: 1, message: 'Downloaded reply.txt', warning: WARNING }]);
  });

  it('a failed export goes to the error toasts with the error’s words and stops its progress', async () => {
    const { store, errors, start } = setUp();
    await start().answer({ ok: false, error: { code: 'NOT_FOUND', message: 'No message msg-1.' } });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.context).toBe('Could not export reply');
    expect((errors[0]!.err as Error).message).toBe('No message msg-1.');
    expect(store.getState().running).toEqual([]);
  });

  it('where no page can download, a download outcome is reported instead of lost', async () => {
    const transport = new ScriptedTransport();
    const errors: string[] = [];
    const store = createExportsStore(new ApiClient(transport), (err, context) =>
      errors.push(`${context}: ${(err as Error).message}`),
    );
    const done = store.getState().start(target, 'Reply');
    transport.calls[0]!.answer({ ok: true, data: { outcome: 'download', description: description() } });
    await done;
    expect(errors).toEqual(['Could not export reply: This window cannot download files.']);
  });

  it('dismissing a notice removes only that one', async () => {
    const { store, start } = setUp();
    const saved = (path: string) =>
      ({
        ok: true,
        data: { outcome: 'saved', path, bytes: 1, files: 1, incomplete: false, warning: null },
      }) as const;
    await start().answer(saved('/a'));
    await start().answer(saved('/b'));
    store.getState().dismiss(1);
    expect(store.getState().notices.map((n) => n.message)).toEqual(['Saved to /b']);
  });
});

describe('percentDone', () => {
  it('is 0 until the total is known, then whole percent capped at 100', () => {
    expect(percentDone({ done: 0, total: 0 })).toBe(0);
    expect(percentDone({ done: 1, total: 3 })).toBe(33);
    expect(percentDone({ done: 7, total: 5 })).toBe(100);
  });
});
