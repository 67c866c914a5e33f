/** Runs the real `spool` (bin/spool.mjs) as a child process against a real library. */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { makeTempDir } from '../../helpers/tempDir';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const BIN = path.join(repoRoot, 'bin', 'spool.mjs');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  stdout(): Buffer;
  stderr(): string;
  exited: Promise<Run>;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = makeTempDir('spool-cli-').dir;
  dirs.push(dir);
  return dir;
}

/** A clean environment: no API keys or data dir leaking in from the machine running the tests. */
function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: tempDir(), ...extra };
  return env;
}

export function startSpool(
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: repoRoot,
    env: childEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  const out: Buffer[] = [];
  let err = '';
  child.stdout!.on('data', (b: Buffer) => out.push(b));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  if (options.input !== undefined) child.stdin!.end(options.input);
  else child.stdin!.end();
  const exited = new Promise<Run>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal, stdout: Buffer.concat(out), stderr: err })),
  );
  return { child, stdout: () => Buffer.concat(out), stderr: () => err, exited };
}

export function spool(
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<Run> {
  return startSpool(args, options).exited;
}

export function useFakeProvider(): {
  url: () => string;
  fake: () => FakeProvider;
  chatArgs: (model: string) => string[];
} {
  let fake: FakeProvider | null = null;
  beforeAll(async () => {
    fake = await startFakeProvider({ tokensPerSecond: 0 });
  });
  afterAll(async () => fake?.close());
  return {
    url: () => fake!.url,
    fake: () => fake!,
    chatArgs: (model) => [
      '--provider',
      'openai-compatible',
      '--base-url',
      `${fake!.url}/v1`,
      '--model',
      model,
    ],
  };
}

export interface Listed {
  conversations: {
    id: string;
    title: string;
    messages: {
      id: string;
      parentId: string | null;
      role: string;
      status: string;
      createdAt: number;
      shown: boolean;
      version: { index: number; count: number };
      providerId: string | null;
      providerName: string | null;
      model: string | null;
    }[];
  }[];
}

export async function listJson(dataDir: string): Promise<Listed> {
  const run = await spool(['list', '--json', '--data-dir', dataDir]);
  if (run.code !== 0) throw new Error(`spool list failed (${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout.toString('utf8')) as Listed;
}

/** The assistant replies of the library, oldest first. */
export async function replies(
  dataDir: string,
): Promise<{ id: string; status: string; conversationId: string }[]> {
  const listed = await listJson(dataDir);
  return listed.conversations
    .flatMap((c) => c.messages.map((m) => ({ ...m, conversationId: c.id })))
    .filter((m) => m.role === 'assistant')
    .sort((a, b) => a.createdAt - b.createdAt);
}
