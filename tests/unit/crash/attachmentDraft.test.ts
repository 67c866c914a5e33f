import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import type { Attachment } from '../../../shared/api/schemas/attachments';
import { PNG_1X1 } from '../../helpers/attachmentFiles';
import { makeTempDir } from '../../helpers/tempDir';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./attachThenWait.ts', import.meta.url));
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanups.splice(0)) fn();
});

/** Runs attachThenWait.ts, waits for its one line, SIGKILLs it, and returns that line parsed. */
async function attachAndKill(dataDir: string, conversationId: string): Promise<unknown> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', SCRIPT, dataDir, conversationId, 'dot.png', PNG_1X1.toString('base64')],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', () => reject(new Error(`the child exited before attaching: ${err}`)));
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return JSON.parse(line);
}

describe('an attachment on a draft when Spool is killed before sending', () => {
  test('is still on the draft, bytes and all, when Spool opens again', async () => {
    const { dir, cleanup } = makeTempDir('spool-attach-crash-');
    cleanups.push(cleanup);
    const first = SpoolCore.open({ dataDir: dir, mode: 'test', env: {}, log: () => {} });
    const conversationId = first.conversations.create().id;
    await first.close();

    const answered = (await attachAndKill(dir, conversationId)) as { ok: boolean; data: Attachment };
    expect(answered.ok).toBe(true);

    const reopened = SpoolCore.open({ dataDir: dir, mode: 'test', env: {}, log: () => {} });
    cleanups.unshift(() => void reopened.close());
    expect(reopened.attachments.draft(conversationId)).toEqual([answered.data]);
    expect(reopened.attachments.content(answered.data.id).dataBase64).toBe(PNG_1X1.toString('base64'));
  }, 60_000);
});
