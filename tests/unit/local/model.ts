/**
 * The real test model (../shared/models/stories260K.gguf beside the repository): a
 * 260K-parameter TinyStories llama without a chat template. Tests that need it skip,
 * with one line saying why, where it is absent. It is never copied into the repo.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const TEST_MODEL = path.resolve(REPO_ROOT, '..', 'shared', 'models', 'stories260K.gguf');
export const TEST_MODEL_SHA256 = '270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d';
export const TEST_MODEL_BYTES = 1_185_376;
/** What the model says after "Once upon a time" at temperature 0 (models/README.md). */
export const ONCE_UPON_A_TIME =
  ', there was a little girl named Lily. She loved to play outside in the park.';

export const HAS_MODEL = fs.existsSync(TEST_MODEL);
if (!HAS_MODEL) console.warn(`[local] skipped: the test model ${TEST_MODEL} is absent`);
