/**
 * What browser mode keeps in the data folder between runs, so an open tab reconnects
 * by itself after a restart: the token and the port, in `browser-mode.json` (0600, in
 * the 0700 data folder — readable by this user only). A file that others could read is
 * not trusted: a fresh token replaces it. And the page that opens the browser: a 0600
 * HTML file that redirects to the URL with the token, so the token is never on a
 * command line (which any local user can read in /proc), as notebook servers do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { assertUsableToken } from './auth';

const STATE_FILE = 'browser-mode.json';
const OPEN_FILE = 'open-in-browser.html';

export interface HostState {
  token: string;
  port: number;
}

export function readHostState(dataDir: string): HostState | undefined {
  const file = path.join(dataDir, STATE_FILE);
  try {
    const stat = fs.lstatSync(file);
    if (!stat.isFile() || (process.platform !== 'win32' && (stat.mode & 0o077) !== 0)) return undefined;
    const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<HostState>;
    if (typeof value.token !== 'string' || !Number.isInteger(value.port)) return undefined;
    assertUsableToken(value.token);
    const port = value.port!;
    return port > 0 && port <= 65535 ? { token: value.token, port } : undefined;
  } catch {
    return undefined;
  }
}

export function writeHostState(dataDir: string, state: HostState): void {
  writePrivate(path.join(dataDir, STATE_FILE), JSON.stringify(state) + '\n');
}

/** Writes the redirect page and returns its path; the browser is opened on this file. */
export function writeOpenFile(dataDir: string, url: string): string {
  const file = path.join(dataDir, OPEN_FILE);
  const href = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  writePrivate(
    file,
    `<!doctype html>\n<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}">` +
      `<title>Opening Spool…</title></head>\n<body><p><a href="${href}">Open Spool</a></p></body></html>\n`,
  );
  return file;
}

export function removeOpenFile(dataDir: string): void {
  fs.rmSync(path.join(dataDir, OPEN_FILE), { force: true });
}

function writePrivate(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.chmodSync(tmp, 0o600);
  fs.renameSync(tmp, file);
}
