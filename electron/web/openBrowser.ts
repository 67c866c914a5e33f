import { spawn } from 'node:child_process';

/**
 * Opens a URL in the system browser. Resolves with an error message instead of
 * throwing: a machine without a browser (a server, CI) still runs browser mode.
 */
export function openInBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
): Promise<string | null> {
  const [command, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
      child.once('error', (err) => resolve(`${command}: ${err.message}`));
      child.once('spawn', () => {
        child.unref();
        resolve(null);
      });
    } catch (err) {
      resolve(`${command}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}
