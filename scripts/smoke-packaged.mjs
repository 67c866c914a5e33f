// `npm run smoke:packaged [-- --model FILE.gguf]`: after `npm run dist`, runs the packaged
// app itself (release/*-unpacked, or the .app), fuses flipped, through its --cli mode:
// `list` on a fresh data folder, then a local-model reply with the GGUF test model. The
// second is the path RunAsNode broke: node-llama-cpp test-loading its binary must not
// start a second Spool. Exits 0 when both pass; one line per step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const DEFAULT_MODEL = path.resolve(root, '..', 'shared', 'models', 'stories260K.gguf');
/** What the 260K test model says after "Once upon a time" at temperature 0. */
export const EXPECTED_OPENING = ', there was a little girl named Lily.';

/**
 * Where electron-builder leaves the unpacked app for a platform and arch (its
 * `<os>-unpacked` / `mac` folders, arch-suffixed when not x64).
 * @param {string} releaseDir @param {NodeJS.Platform} platform @param {string} arch
 */
export function packagedExecutable(releaseDir, platform, arch) {
  const suffix = arch === 'x64' ? '' : `-${arch}`;
  switch (platform) {
    case 'darwin':
      return path.join(releaseDir, `mac${suffix}`, 'Spool.app', 'Contents', 'MacOS', 'Spool');
    case 'win32':
      return path.join(releaseDir, `win${suffix}-unpacked`, 'Spool.exe');
    default:
      return path.join(releaseDir, `linux${suffix}-unpacked`, 'spool-desktop');
  }
}

/** The arguments that run the packaged app as the CLI: headless on Linux, as resources/cli/spool does. */
export function cliArgs(platform, args) {
  return [...(platform === 'linux' ? ['--ozone-platform=headless', '--disable-gpu'] : []), '--cli', ...args];
}

/** @param {{ exe: string, model: string, timeoutMs?: number }} options */
export function runSmoke({ exe, model, timeoutMs = 120_000 }) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-smoke-'));
  const env = { ...process.env, SPOOL_LOCAL_TEMPERATURE: '0', SPOOL_LOCAL_MAX_TOKENS: '20' };
  delete env.ELECTRON_RUN_AS_NODE;
  const run = (args) =>
    spawnSync(exe, cliArgs(process.platform, [...args, '--data-dir', dataDir]), {
      encoding: 'utf8',
      env,
      timeout: timeoutMs,
    });
  const results = [];
  const list = run(['list', '--json']);
  results.push({
    step: 'list',
    ok: list.status === 0 && list.stdout.includes('"conversations"'),
    detail: list.error?.message ?? (list.stderr.trim() || `exit ${list.status}`),
  });
  const chat = run(['chat', '--provider', 'local', '--model-path', model, 'Once upon a time']);
  results.push({
    step: 'local model',
    ok: chat.status === 0 && chat.stdout.includes(EXPECTED_OPENING),
    detail: chat.error?.message ?? (chat.stderr.trim() || `exit ${chat.status}: ${chat.stdout.trim()}`),
  });
  return results;
}

function main() {
  const at = process.argv.indexOf('--model');
  const model = at === -1 ? DEFAULT_MODEL : path.resolve(process.argv[at + 1]);
  const exe = packagedExecutable(path.join(root, 'release'), process.platform, process.arch);
  if (!fs.existsSync(exe)) {
    console.error(`smoke: no packaged app at ${exe}; run \`npm run dist\` first.`);
    return 2;
  }
  if (!fs.existsSync(model)) {
    console.error(`smoke: the model ${model} is absent (pass --model FILE.gguf).`);
    return 2;
  }
  const results = runSmoke({ exe, model });
  for (const r of results) console.log(`smoke: ${r.step}: ${r.ok ? 'ok' : `FAILED (${r.detail})`}`);
  return results.every((r) => r.ok) ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main();
}
