import fs from 'node:fs';
import path from 'node:path';
import { MISSING_ENV } from './electronBinary';
import { expect, test } from './test';
import { launchSpool, repoRoot } from './launch';
import { makeTempDir } from '../helpers/tempDir';

/**
 * The local model in the desktop app: node-llama-cpp runs on Electron's main thread (the
 * in-process host; its binary test-load goes through utilityProcess, see
 * electron/core/local/inferenceHost.ts), and "Add GGUF file…" goes through the OS file
 * picker (stubbed in main: a test cannot click a native dialog).
 */
const MODEL = path.resolve(repoRoot, '..', 'shared', 'models', 'stories260K.gguf');
const OPENING = ', there was a little girl named Lily.';

test.skip(!!process.env[MISSING_ENV], `Electron's binary is not installed: ${process.env[MISSING_ENV]}`);
test.skip(!fs.existsSync(MODEL), `the test model ${MODEL} is absent`);

let dataDir: string;
test.beforeEach(() => {
  dataDir = makeTempDir('spool-electron-local-').dir;
  // Read by LocalModels.tuningFromEnv in the app's main process: the model's greedy words.
  process.env.SPOOL_LOCAL_TEMPERATURE = '0';
  process.env.SPOOL_LOCAL_MAX_TOKENS = '40';
});
test.afterEach(() => {
  delete process.env.SPOOL_LOCAL_TEMPERATURE;
  delete process.env.SPOOL_LOCAL_MAX_TOKENS;
});

test('a GGUF file in the models folder answers in the desktop app, with node-llama-cpp on the main thread', async () => {
  fs.mkdirSync(path.join(dataDir, 'models'));
  fs.copyFileSync(MODEL, path.join(dataDir, 'models', 'stories260K.gguf'));
  const { app, spool } = await launchSpool(dataDir);
  try {
    await spool.newChat();
    await spool.send('Once upon a time');
    await expect(spool.lastReply().text).toContainText(OPENING, { timeout: 60_000 });
    await expect(spool.lastReply().status('Streaming')).toHaveCount(0);
  } finally {
    await app.close();
  }
});

test('"Add GGUF file…" opens the OS file picker and lists the chosen model with its metadata', async () => {
  const { app, spool } = await launchSpool(dataDir);
  try {
    await app.evaluate(({ dialog }, file) => {
      dialog.showOpenDialog = (async () => ({
        canceled: false,
        filePaths: [file],
      })) as typeof dialog.showOpenDialog;
    }, MODEL);
    const settings = await spool.openSettings();
    await settings.dialog.getByRole('button', { name: 'Add GGUF file…' }).click();
    const listed = settings.dialog.getByRole('list', { name: 'Local models' }).getByRole('listitem');
    await expect(listed).toContainText('stories260K.gguf');
    await expect(listed).toContainText(/llama · .*parameters · context \d/);
    await settings.close();

    await spool.newChat();
    await spool.send('Once upon a time');
    await expect(spool.lastReply().text).toContainText(OPENING, { timeout: 60_000 });
  } finally {
    await app.close();
  }
});
