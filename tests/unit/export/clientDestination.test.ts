import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { exportHandlers } from '../../../electron/core/api/handlers/export';
import type { ApiContext, ClientExportDestination } from '../../../electron/core/api/types';
import { ApiFailure } from '../../../shared/api/result';
import { SPLIT_UTF8_TEXT } from '../../fake-provider/script';
import { openLibrary, send, useFakeProvider, type Library } from './helpers';

const fake = useFakeProvider(0);

function clientWith(exportDestination: ClientExportDestination): ApiContext {
  return { clientId: 'cli', emit: () => {}, onDispose: () => {}, exportDestination };
}

/** A dialog that must not open: the client brought its own destination. */
function handlersWithDialog(lib: Library, opened: string[]) {
  return exportHandlers({
    exporter: lib.exporter,
    newId: () => 'export-1',
    chooseDestination: (d) => {
      opened.push(d.fileName);
      return Promise.resolve(null);
    },
  });
}

describe("export.save to a client's own destination", () => {
  test('export.save streams into the Writable an in-process client brings, without opening the dialog', async () => {
    const lib = await openLibrary(fake.url());
    const { messageId } = await send(lib, 'script:split-utf8');
    const received: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        received.push(chunk);
        done();
      },
    });
    const opened: string[] = [];
    const result = await handlersWithDialog(lib, opened)['export.save'](
      { target: { kind: 'message', messageId, format: 'text' } },
      clientWith(() => Promise.resolve(out)),
    );
    expect(Buffer.concat(received).toString('utf8')).toBe(SPLIT_UTF8_TEXT);
    expect(result).toMatchObject({ outcome: 'saved', path: '', bytes: Buffer.byteLength(SPLIT_UTF8_TEXT) });
    expect(opened).toEqual([]);
  });

  test('export.save writes to the file path an in-process client brings', async () => {
    const lib = await openLibrary(fake.url());
    const { messageId } = await send(lib, 'script:split-utf8');
    const dest = path.join(lib.dir, 'out.txt');
    const opened: string[] = [];
    const result = await handlersWithDialog(lib, opened)['export.save'](
      { target: { kind: 'message', messageId, format: 'text' } },
      clientWith(() => Promise.resolve(dest)),
    );
    expect(result).toMatchObject({ outcome: 'saved', path: dest, files: 1 });
    expect(fs.readFileSync(dest, 'utf8')).toBe(SPLIT_UTF8_TEXT);
    expect(opened).toEqual([]);
  });

  test("a reader that went away (EPIPE) answers CONFLICT with details.errno 'EPIPE', not an internal error", async () => {
    const lib = await openLibrary(fake.url());
    const { messageId } = await send(lib, 'script:split-utf8');
    const closed = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    closed.on('error', () => {});
    const save = handlersWithDialog(lib, [])['export.save'];
    const target = { kind: 'message' as const, messageId, format: 'text' as const };
    let failure: unknown = null;
    try {
      await save(
        { target },
        clientWith(() => Promise.resolve(closed)),
      );
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ code: 'CONFLICT', details: { errno: 'EPIPE' } });
  });
});
