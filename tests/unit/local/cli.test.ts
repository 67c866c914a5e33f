import { describe, expect, it } from 'vitest';
import { listJson, spool, tempDir } from '../cli/helpers';
import { HAS_MODEL, ONCE_UPON_A_TIME, TEST_MODEL } from './model';

const env = { SPOOL_LOCAL_TEMPERATURE: '0', SPOOL_LOCAL_MAX_TOKENS: '40' };

describe.skipIf(!HAS_MODEL)('spool chat with a local model', () => {
  it('`spool chat --provider local --model-path FILE PROMPT` prints the model reply and exits 0', async () => {
    const dataDir = tempDir();
    const run = await spool(
      ['chat', '--data-dir', dataDir, '--provider', 'local', '--model-path', TEST_MODEL, 'Once upon a time'],
      { env },
    );
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout.toString('utf8').startsWith(ONCE_UPON_A_TIME)).toBe(true);
    const listed = await listJson(dataDir);
    expect(listed.conversations[0]).toMatchObject({ provider: 'local', model: TEST_MODEL });
  }, 120_000);

  it('a --model-path that is not a GGUF file is a usage error saying so', async () => {
    const run = await spool(['chat', '--data-dir', tempDir(), '--model-path', __filename, 'hello'], { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not a GGUF model file/);
  }, 60_000);
});
