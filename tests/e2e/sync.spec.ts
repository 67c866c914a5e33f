import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pgUnavailableReason, startPgCluster, type PgCluster } from '../helpers/pgCluster';
import { fakeProviderSettings, say } from './fixtures/replies';
import { expect, test } from './fixtures/test';
import { makeTempDir } from '../helpers/tempDir';

const SPOOL = fileURLToPath(new URL('../../bin/spool.mjs', import.meta.url));
const skip = pgUnavailableReason();

/** `spool` in a child process; resolves with its exit code, stdout and stderr. */
function spool(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SPOOL, ...args], { env: { PATH: process.env.PATH, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Settings → Sync in browser mode, against a real throwaway PostgreSQL. */
test.describe('Sync', () => {
  test.skip(skip !== null, skip ?? '');
  let cluster: PgCluster;
  test.beforeAll(async () => {
    cluster = await startPgCluster();
  });
  test.afterAll(() => cluster?.stop());

  test('turned on in Settings, the library reaches another device, which reads the same reply', async ({
    spool: page,
    fake,
  }) => {
    const url = await cluster.createDatabase();
    await page.addProviderInOnboarding(fakeProviderSettings(fake));
    say(fake, 'Synced words travel encrypted.', 0);
    await page.send('Carry this across');
    await expect(page.lastReply().text).toHaveText('Synced words travel encrypted.');

    const sync = (await page.openSettings()).sync();
    await expect(sync.status).toHaveText(/^Off/);
    await sync.url.fill(url);
    await sync.passphrase.fill('correct horse battery');
    await sync.turnOn.click();
    await expect(sync.status).toHaveText(/^Synced with 127\.0\.0\.1:\d+\/spool_test_\d+/);
    await expect(sync.turnOff).toBeVisible();

    const other = makeTempDir('spool-e2e-other-').dir;
    try {
      const env = { HOME: other, SPOOL_SYNC_PASSPHRASE: 'correct horse battery' };
      const pulled = await spool(['sync', '--database-url', url, '--once', '--data-dir', other], env);
      expect(pulled.code, pulled.err).toBe(0);
      const listed = await spool(['list', '--json', '--data-dir', other], env);
      const [conversation] = (
        JSON.parse(listed.out) as { conversations: { messages: { id: string; role: string }[] }[] }
      ).conversations;
      const reply = conversation!.messages.find((m) => m.role === 'assistant')!;
      const text = await spool(['export', reply.id, '--format', 'text', '--data-dir', other], env);
      expect(text.out).toBe('Synced words travel encrypted.');
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  test('a wrong passphrase is refused in words and sync stays off', async ({ spool: page }) => {
    const url = await cluster.createDatabase();
    const first = makeTempDir('spool-e2e-first-').dir;
    try {
      const env = { HOME: first, SPOOL_SYNC_PASSPHRASE: 'the first passphrase' };
      expect((await spool(['sync', '--database-url', url, '--once', '--data-dir', first], env)).code).toBe(0);
    } finally {
      fs.rmSync(first, { recursive: true, force: true });
    }
    const sync = (await page.openSettings()).sync();
    await sync.url.fill(url);
    await sync.passphrase.fill('not the same one');
    await sync.turnOn.click();
    await expect(sync.error).toContainText('does not unlock');
    await expect(sync.status).toHaveText(/^Off/);
  });
});
