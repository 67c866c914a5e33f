/**
 * A throwaway PostgreSQL cluster for sync tests: initdb in a temp folder, started with
 * pg_ctl on a free loopback port, removed on stop. Never a mock: the sync code talks
 * to the real server Debian ships (`apt-get install postgresql`, which `.ci/run` does).
 *
 * PostgreSQL refuses to run as root, so when the tests run as root the cluster is
 * created and run as the `postgres` user through `runuser`.
 */
import { afterAll, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PgCluster {
  /** A connection string for the cluster's `postgres` database (trust auth on loopback). */
  url: string;
  port: number;
  /** A new, empty database on the cluster (one per test, so tests never see each other's data); its URL. */
  createDatabase(): Promise<string>;
  /** pg_dump of one database of the cluster (default `postgres`), as SQL text. */
  dump(database?: string): string;
  stop(): void;
}

/** The folder holding initdb/pg_ctl, or null when PostgreSQL is not installed. */
export function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const versions = fs
      .readdirSync(root)
      .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl'))) return dir;
  }
  return null;
}

/** Why the sync tests cannot run here, or null when they can. */
export function pgUnavailableReason(): string | null {
  if (process.platform === 'win32') return 'PostgreSQL sync tests run on Linux and macOS only';
  if (!findPgBin()) return 'PostgreSQL is not installed (apt-get install -y postgresql)';
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A temp folder the `postgres` user can enter. The OS temp folder may be private to
 * root (mode 0700, as on some CI images); /var/tmp and /dev/shm are world-enterable.
 */
function reachableByPostgres(): string {
  for (const dir of [os.tmpdir(), '/var/tmp', '/dev/shm']) {
    try {
      execFileSync('runuser', ['-u', 'postgres', '--', 'test', '-x', dir], { stdio: 'ignore' });
      return dir;
    } catch {
      // not enterable by postgres: try the next
    }
  }
  throw new Error(
    'No temp folder the postgres user can enter (tried the OS temp folder, /var/tmp, /dev/shm)',
  );
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = findPgBin();
  if (!bin) throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  const asRoot = process.getuid?.() === 0;
  const dir = fs.mkdtempSync(path.join(asRoot ? reachableByPostgres() : os.tmpdir(), 'spool-pg-'));
  const data = path.join(dir, 'data');
  const sockets = path.join(dir, 'sockets');
  fs.mkdirSync(sockets);
  if (asRoot) {
    // The postgres user must own the cluster and reach it through the temp folder.
    fs.chmodSync(dir, 0o755);
    execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  }
  const run = (cmd: string, args: string[]): string => {
    const file = path.join(bin, cmd);
    const [exe, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
    return execFileSync(exe, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  };
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const port = await freePort();
  const options = `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50`;
  run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  let databases = 0;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    createDatabase: async () => {
      const name = `spool_test_${++databases}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url.replace(/\/postgres$/, `/${name}`);
    },
    dump: (database = 'postgres') =>
      run('pg_dump', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '--data-only', database]),
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * A throwaway cluster for one test file: started before its tests, stopped after them.
 * `skip` is why there is none (no PostgreSQL binaries), said once on the console.
 */
export function usePgCluster(suite: string): { skip: string | null; get(): PgCluster } {
  const skip = pgUnavailableReason();
  if (skip) console.log(`${suite} skipped: ${skip}`);
  let cluster: PgCluster | undefined;
  beforeAll(async () => {
    if (!skip) cluster = await startPgCluster();
  }, 60_000);
  afterAll(() => cluster?.stop());
  return {
    skip,
    get() {
      if (!cluster) throw new Error('the PostgreSQL cluster has not started');
      return cluster;
    },
  };
}
