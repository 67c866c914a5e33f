/**
 * One way into the core (DESIGN.md "How the shells reach the core"): the CLI, the desktop
 * main process, the web host, the benchmarks and the scripts hold a `SpoolCore` only to
 * open it, close it and `connect()`; every question and every write goes through the typed
 * client. Read with the compiler's type checker (shellReach.ts).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/tempDir';
import { reachIns } from './shellReach';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const SHELLS = ['electron/cli', 'electron/main', 'electron/web', 'electron/preload', 'bench', 'scripts'];

function shellFiles(): string[] {
  return SHELLS.flatMap((dir) =>
    readdirSync(path.join(repoRoot, dir), { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts'))
      .map((e) => path.join(e.parentPath, e.name)),
  );
}

describe('the shells reach the core only through its client', () => {
  it('touch nothing on a SpoolCore but open, close, info and connect', () => {
    expect(reachIns(repoRoot, shellFiles())).toEqual([]);
  }, 120_000);
});

describe('the check itself', () => {
  const temp = makeTempDir('spool-reach-');
  afterAll(() => temp.cleanup());

  it('finds a service reached through a renamed variable, a cast and a destructuring', () => {
    const core = path.join(repoRoot, 'electron/core/SpoolCore').split(path.sep).join('/');
    const file = path.join(temp.dir, 'shell.ts');
    writeFileSync(
      file,
      [
        `import type { SpoolCore } from '${core}';`,
        'export function f(spool: SpoolCore): void {',
        '  spool.connect(() => {});',
        '  void spool.engine;',
        '  void (spool as unknown as { compactor: unknown }).compactor;',
        '  const { messages } = spool;',
        '  void messages;',
        '}',
      ].join('\n'),
    );
    const found = reachIns(repoRoot, [file]).map((f) => f.replace(/^.*shell\.ts:/, ''));
    expect(found).toEqual([
      '4: spool.engine',
      '5: (spool as unknown as { compactor: unknown }).compactor',
      '6: messages',
    ]);
  }, 120_000);
});
