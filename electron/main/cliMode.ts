import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app } from 'electron';
import { removeCliProfile } from './chromiumProfile';

/**
 * The `spool` command line inside the installed app. Installers ship no Node.js,
 * and the RunAsNode fuse is off (so ELECTRON_RUN_AS_NODE cannot turn the app into
 * a Node interpreter for an attacker either), so the launcher in resources/cli runs
 * the app binary itself with `--cli <command> …`. index.ts routes that here before
 * anything of the desktop app starts: no single-instance lock, no window, no menu.
 * The CLI then runs exactly as `npx spool` does, on the app's compiled core.
 */
export async function runCliInApp(args: string[]): Promise<void> {
  // A command, not an app: no dock icon, no GPU process.
  app.dock?.hide();
  app.disableHardwareAcceleration();
  // Chromium's own profile files go to a throwaway folder, away from the desktop app's.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-cli-'));
  app.setPath('userData', profile);
  process.on('exit', () => removeCliProfile(profile));
  // Local models test-load their native library in a utility process, which exists only after 'ready'.
  await app.whenReady();
  const { main } = await import('../cli/main');
  await main(args);
}
