import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createImportsStore, importPercent, type Upload } from '../../../renderer/src/stores/imports';
import { chatgptSmall } from '../import/fixtures';
import { bridgeClient, openCore } from './helpers';

/**
 * The imports store over a real core (bridge client, real SQLite). The upload stands in
 * for the browser's POST: it writes the bytes where POST /import-upload would
 * (tests/unit/import/upload.test.ts covers the route itself).
 */
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

function setUp() {
  const lib = openCore();
  opened.push(lib);
  const sent: number[] = [];
  const upload: Upload = async (file, onProgress) => {
    const { uploadId, file: dest } = lib.core.imports.newUpload();
    fs.writeFileSync(dest, Buffer.from(await file.arrayBuffer()));
    onProgress(file.size, file.size);
    sent.push(file.size);
    return uploadId;
  };
  const store = createImportsStore(bridgeClient(lib.core), upload);
  return { lib, store, sent };
}

describe('imports store', () => {
  it('uploads, imports, and ends with what the import did', async () => {
    const { store, sent } = setUp();
    const body = JSON.stringify([chatgptSmall(1), chatgptSmall(2)]);
    await store.getState().uploadAndImport(new Blob([body]));
    expect(sent).toEqual([Buffer.byteLength(body)]);
    const { finished, running, uploading, error } = store.getState();
    expect({ running, uploading, error }).toEqual({ running: null, uploading: null, error: null });
    expect(finished).toMatchObject({
      state: 'done',
      format: 'chatgpt',
      conversationsAdded: 2,
      messagesAdded: 4,
    });
  });

  it('ends with the failure and its reason for a file that is not an export', async () => {
    const { store } = setUp();
    await store.getState().uploadAndImport(new Blob(['not json at all']));
    expect(store.getState().finished).toMatchObject({
      state: 'failed',
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/Unknown format/) },
    });
  });

  it('says why when the upload itself fails', async () => {
    const lib = openCore();
    opened.push(lib);
    const store = createImportsStore(bridgeClient(lib.core), () =>
      Promise.reject(new Error('The upload failed (HTTP 413).')),
    );
    await store.getState().uploadAndImport(new Blob(['[]']));
    expect(store.getState()).toMatchObject({
      error: 'The upload failed (HTTP 413).',
      uploading: null,
      running: null,
    });
  });

  it('gives whole percents of bytes read, 0 while the size is unknown', () => {
    expect(importPercent({ bytesRead: 0, totalBytes: 0 })).toBe(0);
    expect(importPercent({ bytesRead: 333, totalBytes: 1000 })).toBe(33);
    expect(importPercent({ bytesRead: 1000, totalBytes: 1000 })).toBe(100);
  });
});
