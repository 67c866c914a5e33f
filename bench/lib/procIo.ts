import fs from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** This process's I/O counters (all threads, so the checkpoint worker's copies count too). */
export interface ProcIo {
  /** Bytes handed to write(2)-like calls (files and sockets). */
  wchar: number;
  /** Bytes this process caused to be sent to the storage layer (page-cache dirtying). */
  writeBytes: number;
}

export function readProcIo(): ProcIo {
  const text = fs.readFileSync('/proc/self/io', 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { wchar: field('wchar'), writeBytes: field('write_bytes') };
}

/**
 * wchar of the main thread (every SQL statement of the main connection: WAL appends of
 * commits and snapshots) apart from all other threads (the checkpoint worker copying
 * WAL pages into the database file), from /proc/self/task/<tid>/io.
 */
export function readThreadWchar(): { main: number; others: number } {
  let main = 0;
  let others = 0;
  for (const tid of fs.readdirSync('/proc/self/task')) {
    let text: string;
    try {
      text = fs.readFileSync(`/proc/self/task/${tid}/io`, 'utf8');
    } catch {
      continue; // the thread ended between the listing and the read
    }
    const wchar = Number(/^wchar: (\d+)$/m.exec(text)?.[1] ?? 0);
    if (Number(tid) === process.pid) main += wchar;
    else others += wchar;
  }
  return { main, others };
}

export function ioSince(before: ProcIo): ProcIo {
  const now = readProcIo();
  return { wchar: now.wchar - before.wchar, writeBytes: now.writeBytes - before.writeBytes };
}

export interface FakeProviderChild {
  url: string;
  close(): Promise<void>;
}

/**
 * The fake provider in a child process, so its socket writes never count in this
 * process's /proc/self/io.
 */
export async function startFakeProviderChild(tps: number): Promise<FakeProviderChild> {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'tests/fake-provider/main.ts'), '--port', '0', '--tps', String(tps)],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`fake provider exited (${code})`)));
  });
  return {
    url,
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
