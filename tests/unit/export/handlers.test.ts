import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { ApiEventMessage } from '../../../shared/api/events';
import { type ExportTarget, parseExportQuery, exportDownloadPath } from '../../../shared/api/schemas/export';
import { exportHandlers, type ExportHandlerDeps } from '../../../electron/core/api/handlers/export';
import type { ApiContext } from '../../../electron/core/api/types';
import { SPLIT_UTF8_TEXT } from '../../fake-provider/script';
import { openLibrary, send, useFakeProvider, type Library } from './helpers';

const fake = useFakeProvider(0);

function context(events: ApiEventMessage[]): ApiContext {
  return {
    clientId: 'test-client',
    emit: (name, payload) => events.push({ name, payload } as ApiEventMessage),
    onDispose: () => {},
  };
}

function handlers(lib: Library, extra: Partial<ExportHandlerDeps> = {}) {
  let n = 0;
  return exportHandlers({
    exporter: lib.exporter,
    newId: () => `export-${++n}`,
    progressIntervalMs: 0,
    ...extra,
  });
}

describe('export.* API calls', () => {
  test('export.save asks for a destination, streams the export there and sends progress events', async () => {
    const lib = await openLibrary(fake.url());
    const { messageId } = await send(lib, 'script:split-utf8');
    const dest = path.join(lib.dir, 'reply.txt');
    const asked: string[] = [];
    const events: ApiEventMessage[] = [];
    const h = handlers(lib, {
      chooseDestination: (d) => {
        asked.push(d.fileName);
        return Promise.resolve(dest);
      },
    });
    const result = await h['export.save'](
      { target: { kind: 'message', messageId, format: 'text' }, exportId: 'mine' },
      context(events),
    );
    expect(result).toEqual({
      outcome: 'saved',
      path: dest,
      bytes: Buffer.byteLength(SPLIT_UTF8_TEXT),
      files: 1,
      incomplete: false,
      warning: null,
    });
    expect(fs.readFileSync(dest, 'utf8')).toBe(SPLIT_UTF8_TEXT);
    expect(asked).toEqual([`spool-message-${messageId.slice(0, 8)}.txt`]);
    const progress = events.filter((e) => e.name === 'export.progress').map((e) => e.payload);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => 'exportId' in p && p.exportId === 'mine')).toBe(true);
    const last = progress.at(-1) as { done: number; total: number };
    expect(last.done).toBe(last.total);
  });

  test('export.save answers "cancelled" when the user closes the dialog, writing nothing', async () => {
    const lib = await openLibrary(fake.url());
    const { conversationId } = await send(lib, 'script:hello');
    const before = fs.readdirSync(lib.dir);
    const h = handlers(lib, { chooseDestination: () => Promise.resolve(null) });
    const result = await h['export.save'](
      { target: { kind: 'conversation', conversationId, format: 'md' } },
      context([]),
    );
    expect(result).toEqual({ outcome: 'cancelled' });
    expect(fs.readdirSync(lib.dir)).toEqual(before);
  });

  test('without a save dialog (browser mode) export.save answers with the download to fetch', async () => {
    const lib = await openLibrary(fake.url());
    const { conversationId } = await send(lib, 'script:hello', { prompt: 'Trip: Paris/Rome' });
    const result = await handlers(lib)['export.save'](
      { target: { kind: 'conversation', conversationId, format: 'json' } },
      context([]),
    );
    expect(result).toEqual({
      outcome: 'download',
      description: {
        fileName: 'Trip Paris Rome.json',
        mimeType: 'application/json; charset=utf-8',
        directory: false,
        incomplete: false,
        warning: null,
        downloadPath: `/export?kind=conversation&format=json&id=${conversationId}`,
      },
    });
  });

  test('an unknown id is NOT_FOUND before any dialog opens', async () => {
    const lib = await openLibrary(fake.url());
    let asked = false;
    const h = handlers(lib, {
      chooseDestination: () => {
        asked = true;
        return Promise.resolve('/tmp/never');
      },
    });
    await expect(
      Promise.resolve(
        h['export.save']({ target: { kind: 'message', messageId: 'missing', format: 'md' } }, context([])),
      ),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(asked).toBe(false);
  });

  test('the download path round-trips through the query parser, and bad queries are refused', () => {
    const targets: ExportTarget[] = [
      { kind: 'message', messageId: 'm-1', format: 'raw' },
      { kind: 'conversation', conversationId: 'c 1&x', format: 'md' },
      { kind: 'library', format: 'markdown-folder' },
    ];
    for (const t of targets) {
      const url = new URL(exportDownloadPath(t), 'http://127.0.0.1');
      expect(parseExportQuery(url.searchParams)).toMatchObject({ success: true, data: t });
    }
    expect(parseExportQuery(new URLSearchParams('kind=message&id=m&format=json')).success).toBe(false);
    expect(parseExportQuery(new URLSearchParams('kind=conversation&format=md')).success).toBe(false);
    expect(parseExportQuery(new URLSearchParams('kind=everything&format=json')).success).toBe(false);
  });
});
