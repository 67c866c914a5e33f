/**
 * One download in its own process, for the SIGKILL test: `downloadChild.ts MODELS_DIR URL [SHA256]`.
 * Prints "progress <bytes>" lines, then "done" or "error <message>".
 */
import { DownloadManager } from '../../../electron/core/local/download/DownloadManager';

const [modelsDir, url, sha256] = process.argv.slice(2) as [string, string, string | undefined];
const manager = new DownloadManager({
  modelsDir,
  progressMs: 0,
  retryDelayMs: 20,
  onChange: (list) => {
    for (const d of list) process.stdout.write(`progress ${d.receivedBytes}\n`);
  },
  onComplete: () => {},
});
await manager.restore();
const id = manager.list()[0]?.id ?? (await manager.start({ url, ...(sha256 ? { sha256 } : {}) })).id;
const end = await manager.settled(id);
process.stdout.write(end.state === 'done' ? 'done\n' : `error ${end.error}\n`);
