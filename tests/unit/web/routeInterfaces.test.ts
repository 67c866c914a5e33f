import fs from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { makeTempDir } from '../../helpers/tempDir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function openCore(): SpoolCore {
  const { dir } = makeTempDir('spool-web-routes-');
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const core = SpoolCore.open({ dataDir: dir, mode: 'test', log: () => {} });
  cleanups.push(() => core.close());
  return core;
}

describe("the web routes' view of the core", () => {
  test('the upload route gets only newUpload, not the import service', () => {
    const uploads = openCore().importUploads;
    expect(Object.keys(uploads)).toEqual(['newUpload']);
  });

  test('the download route gets only describe and writeTo, not the exporter', () => {
    expect(Object.keys(openCore().exportDownloads).sort()).toEqual(['describe', 'writeTo']);
  });

  test("an upload from the narrowed interface is a file under the library's imports folder", () => {
    const core = openCore();
    const { uploadId, file } = core.importUploads.newUpload();
    expect(uploadId).not.toBe('');
    expect(file.startsWith(core.dataDir)).toBe(true);
    expect(file.endsWith(`${uploadId}.upload`)).toBe(true);
  });
});
