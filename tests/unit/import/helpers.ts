import fs from 'node:fs';
import { afterEach } from 'vitest';
import type { ImportProgress } from '../../../shared/api/schemas/import';
import type { Message } from '../../../shared/api/schemas/messages';
import { shownPath } from '../../../shared/tree';
import { SpoolCore } from '../../../electron/core/SpoolCore';
import { makeTempDir } from '../../helpers/tempDir';
import { libraryDb } from '../../helpers/libraryDb';

/** A real SpoolCore on a temp data dir, closed and removed after each test. */
export interface Lib {
  dir: string;
  core: SpoolCore;
}

const open: Lib[] = [];
afterEach(async () => {
  for (const lib of open.splice(0)) {
    await lib.core.close();
    fs.rmSync(lib.dir, { recursive: true, force: true });
  }
});

export function openLib(options: { maxUncompressedBytes?: number } = {}): Lib {
  const dir = makeTempDir('spool-import-').dir;
  const core = SpoolCore.open({
    dataDir: dir,
    mode: 'test',
    env: {},
    log: () => {},
    importLimits: options,
  });
  const lib = { dir, core };
  open.push(lib);
  return lib;
}

/** Runs an import to its end through the service, as `import.start` does. */
export async function importFile(lib: Lib, file: string): Promise<ImportProgress> {
  const { importId } = lib.core.imports.start({ path: file });
  return lib.core.imports.settled(importId);
}

export function textOf(m: Message): string {
  return m.parts.map((p) => (p.type === 'text' || p.type === 'reasoning' ? p.text : '')).join('');
}

/** Every conversation with its messages, as plain data for comparisons. */
export function snapshot(lib: Lib): { title: string; messages: Message[] }[] {
  return lib.core.conversations
    .list()
    .map((c) => ({ title: c.title, messages: lib.core.messages.list(c.id) }));
}

export function shownTexts(lib: Lib, conversationId: string): string[] {
  return shownPath(lib.core.messages.list(conversationId)).map(textOf);
}

export function counts(lib: Lib): { conversations: number; messages: number } {
  const one = (sql: string) => libraryDb(lib.core).prepare(sql).pluck().get() as number;
  return {
    conversations: one('SELECT COUNT(*) FROM conversations'),
    messages: one('SELECT COUNT(*) FROM messages'),
  };
}
