import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './fixtures/hostProcess';
import { expect, test } from './fixtures/test';

/**
 * A local GGUF model (the real 260K TinyStories test model, at temperature 0) in a
 * fresh data dir's models folder: Spool chats with it with no setup, and its replies
 * are as durable as any provider's. The model is copied into the temp data dir only.
 */
const MODEL = path.resolve(REPO_ROOT, '..', 'shared', 'models', 'stories260K.gguf');
const OPENING = ', there was a little girl named Lily. She loved to play outside in the park.';
const SENTENCE = 'She loved to play outside in the park.';

const KNOBS = ['SPOOL_LOCAL_TEMPERATURE', 'SPOOL_LOCAL_TOKENS_PER_SECOND', 'SPOOL_LOCAL_MAX_TOKENS'] as const;

/** The host inherits these (see LocalModels.tuningFromEnv): deterministic text, paced so a test can act mid-reply. */
function withModel(knobs: { tokensPerSecond: number; maxTokens: number }, inModelsFolder = true) {
  // A function-valued option is given as a fixture (see fixtures/test.ts).
  // eslint-disable-next-line no-empty-pattern
  return async ({}, use: (prepare: (dataDir: string) => void) => Promise<void>) =>
    use((dataDir: string) => {
      if (inModelsFolder) {
        fs.mkdirSync(path.join(dataDir, 'models'), { recursive: true });
        fs.copyFileSync(MODEL, path.join(dataDir, 'models', 'stories260K.gguf'));
      }
      process.env.SPOOL_LOCAL_TEMPERATURE = '0';
      process.env.SPOOL_LOCAL_TOKENS_PER_SECOND = String(knobs.tokensPerSecond);
      process.env.SPOOL_LOCAL_MAX_TOKENS = String(knobs.maxTokens);
    });
}

const countOf = (text: string, part: string) => text.split(part).length - 1;

test.describe('Local model', () => {
  test.skip(!fs.existsSync(MODEL), `the test model ${MODEL} is absent`);
  test.setTimeout(180_000);
  test.afterEach(() => {
    for (const k of KNOBS) delete process.env[k];
  });

  test.describe('unpaced', () => {
    test.use({ prepareDataDir: withModel({ tokensPerSecond: 0, maxTokens: 60 }) });

    test('with a GGUF file in the models folder, a fresh Spool chats with it with no setup', async ({
      spool,
    }) => {
      await spool.newChat();
      await spool.send('Once upon a time');
      const reply = spool.lastReply();
      await expect(reply.text).toContainText(OPENING, { timeout: 90_000 });
      await expect(reply.status('Streaming')).toHaveCount(0);
      expect((await reply.currentText()).startsWith(OPENING)).toBe(true);
    });
  });

  test.describe('added by its path', () => {
    test.use({ prepareDataDir: withModel({ tokensPerSecond: 0, maxTokens: 60 }, false) });

    test('a GGUF file added in Settings by its path is listed with its metadata, and a new chat answers with it', async ({
      spool,
    }) => {
      const settings = await spool.openSettings();
      await expect(settings.dialog.getByText('No local models yet.')).toBeVisible();
      const add = settings.dialog.getByRole('form', { name: 'Add a GGUF file' });
      await add.getByRole('textbox', { name: 'Path to a GGUF file on this computer' }).fill(MODEL);
      await add.getByRole('button', { name: 'Add GGUF file' }).click();

      const listed = settings.dialog.getByRole('list', { name: 'Local models' }).getByRole('listitem');
      await expect(listed).toHaveCount(1);
      await expect(listed).toContainText('stories260K.gguf');
      await expect(listed).toContainText(/llama · .*parameters · context \d/);
      await expect(listed).toContainText('No chat template: plain completion');
      await settings.close();

      await spool.newChat();
      await spool.send('Once upon a time');
      await expect(spool.lastReply().text).toContainText(OPENING, { timeout: 90_000 });
    });

    test('a file that is not GGUF is refused with a clear error and nothing is added', async ({ spool }) => {
      const notGguf = path.join(REPO_ROOT, 'package.json');
      const settings = await spool.openSettings();
      const add = settings.dialog.getByRole('form', { name: 'Add a GGUF file' });
      await add.getByRole('textbox', { name: 'Path to a GGUF file on this computer' }).fill(notGguf);
      await add.getByRole('button', { name: 'Add GGUF file' }).click();
      await expect(add.getByRole('alert')).toContainText(/GGUF/);
      await expect(settings.dialog.getByText('No local models yet.')).toBeVisible();
    });
  });

  test.describe('paced', () => {
    test.use({ prepareDataDir: withModel({ tokensPerSecond: 12, maxTokens: 120 }) });

    test('reloading mid-reply shows the same text with nothing doubled, and it streams on to the end', async ({
      spool,
    }) => {
      await spool.newChat();
      await spool.send('Once upon a time');
      const before = await spool.lastReply().textLongerThan(15);

      await spool.reload();
      const reply = spool.lastReply();
      const afterReload = await reply.textLongerThan(before.length - 1);
      expect(afterReload.startsWith(before)).toBe(true);
      await expect(reply.status('Streaming')).toHaveCount(0, { timeout: 90_000 });
      const final = await reply.currentText();
      expect(final.startsWith(afterReload)).toBe(true);
      expect(final.startsWith(OPENING)).toBe(true);
      expect(countOf(final, SENTENCE)).toBe(1);
    });

    test('after the host is killed mid-reply, the restarted host shows it interrupted with what it had shown, and Continue carries it on', async ({
      spool,
      host,
    }) => {
      await spool.newChat();
      await spool.send('Once upon a time');
      await spool.row('New chat').select();
      const shown = await spool.lastReply().textLongerThan(30);
      const shownAtKill = await spool.lastReply().currentText();

      await host.kill();
      await host.restart();
      await spool.open(host.url);
      await spool.row('New chat').select();

      const reply = spool.lastReply();
      await expect(reply.status('Interrupted')).toBeVisible();
      const recovered = await reply.currentText();
      expect(recovered.startsWith(shownAtKill)).toBe(true);
      expect(recovered.startsWith(shown)).toBe(true);

      await reply.continue();
      await reply.textLongerThan(recovered.length);
      await expect(reply.status('Interrupted')).toHaveCount(0);
      expect((await reply.currentText()).startsWith(recovered)).toBe(true);
    });
  });
});
