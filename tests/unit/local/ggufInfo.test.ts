import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalModelError, readLocalModelInfo } from '../../../electron/core/local/ggufInfo';
import { makeTempDir } from '../../helpers/tempDir';
import { HAS_MODEL, TEST_MODEL, TEST_MODEL_BYTES } from './model';

const tmp = makeTempDir('spool-gguf-');
afterAll(tmp.cleanup);

async function failure(file: string): Promise<LocalModelError> {
  const err = await readLocalModelInfo(file, 'added', file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LocalModelError);
  return err as LocalModelError;
}

describe('GGUF metadata', () => {
  it('a file that does not start with GGUF is refused as not_gguf, with a message saying so', async () => {
    const file = path.join(tmp.dir, 'notes.gguf');
    fs.writeFileSync(file, 'this is not a model');
    const err = await failure(file);
    expect(err.code).toBe('not_gguf');
    expect(err.message).toMatch(/not a GGUF model file/);
  });

  it('a missing file is missing, not a crash', async () => {
    expect((await failure(path.join(tmp.dir, 'nope.gguf'))).code).toBe('missing');
  });

  describe.skipIf(!HAS_MODEL)('with the test model', () => {
    it('reads architecture, parameters, context length, quantisation, size and the missing chat template from the header', async () => {
      const info = await readLocalModelInfo(TEST_MODEL, 'added', TEST_MODEL);
      expect(info).toMatchObject({
        architecture: 'llama',
        parameters: 292_800,
        contextLength: 2048,
        quantisation: 'F32',
        sizeBytes: TEST_MODEL_BYTES,
        hasChatTemplate: false,
        fileName: 'stories260K.gguf',
      });
    });

    it('a file cut off half-way is refused as truncated', async () => {
      const file = path.join(tmp.dir, 'half.gguf');
      fs.writeFileSync(file, fs.readFileSync(TEST_MODEL).subarray(0, TEST_MODEL_BYTES / 2));
      const err = await failure(file);
      expect(err.code).toBe('truncated');
      expect(err.message).toMatch(/cut off/);
    });

    it('a file missing only its last bytes is refused as truncated too', async () => {
      const file = path.join(tmp.dir, 'short.gguf');
      fs.writeFileSync(file, fs.readFileSync(TEST_MODEL).subarray(0, TEST_MODEL_BYTES - 1));
      expect((await failure(file)).code).toBe('truncated');
    });
  });
});
