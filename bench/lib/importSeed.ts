import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportProgress } from '../../shared/api/schemas/import';
import type { SpoolCore } from '../../electron/core/SpoolCore';

/**
 * Seeds a library through the API's only door for finished messages of any role: a Spool
 * library export (the JSON `export.save` writes) imported with `import.start`, waited for
 * by its last `import.progress` event as `spool import` does. No API call inserts an
 * arbitrary assistant message, and the import is how such messages really arrive.
 */

export interface SeedMessage {
  role: 'user' | 'assistant';
  text: string;
}

export interface SeedConversation {
  title: string;
  messages: SeedMessage[];
}

/**
 * The export document: conversations in the given order, each one updated a millisecond
 * after the one before (so the last is on top of the list, as when created one by one),
 * its messages a millisecond apart, each answering the one before.
 */
export function spoolLibraryExport(conversations: SeedConversation[], now = Date.now()): string {
  const messageCount = conversations.reduce((n, c) => n + c.messages.length, 0);
  let at = now - messageCount - conversations.length;
  return JSON.stringify({
    format: 'spool-library',
    version: 1,
    exportedAt: now,
    appVersion: null,
    conversations: conversations.map((c, ci) => {
      const createdAt = at++;
      const messages = c.messages.map((m, mi) => {
        const time = at++;
        return {
          id: `seed-m${ci}-${mi}`,
          role: m.role,
          parts: [{ type: 'text', text: m.text }],
          status: 'complete',
          createdAt: time,
          updatedAt: time,
        };
      });
      return {
        conversation: { id: `seed-c${ci}`, title: c.title, createdAt, updatedAt: at - 1 },
        messages,
      };
    }),
  });
}

/** Imports `conversations` into the open core's library; throws unless every one was added whole. */
export async function importSeed(
  core: Pick<SpoolCore, 'connect'>,
  conversations: SeedConversation[],
): Promise<ImportProgress> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spool-bench-seed-'));
  const file = path.join(dir, 'spool-library.json');
  fs.writeFileSync(file, spoolLibraryExport(conversations));
  try {
    const result = await importFile(core, file);
    const messages = conversations.reduce((n, c) => n + c.messages.length, 0);
    if (
      result.state !== 'done' ||
      result.conversationsAdded !== conversations.length ||
      result.messagesAdded !== messages
    ) {
      throw new Error(`seed import did not add everything: ${JSON.stringify(result)}`);
    }
    return result;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Imports `file` through a client as `spool import` does: `import.start`, then its last
 * `import.progress` event says how it ended (that event may come before the start's answer).
 */
export async function importFile(core: Pick<SpoolCore, 'connect'>, file: string): Promise<ImportProgress> {
  const ended = new Map<string, ImportProgress>();
  let onEnded = (): void => {};
  const client = core.connect((event) => {
    if (event.name !== 'import.progress' || event.payload.state === 'running') return;
    ended.set(event.payload.importId, event.payload);
    onEnded();
  });
  try {
    const started = await client.call('import.start', { path: file });
    if (!started.ok) throw new Error(`import.start: ${started.error.code} ${started.error.message}`);
    const { importId } = started.data;
    return await new Promise<ImportProgress>((resolve) => {
      onEnded = () => {
        const progress = ended.get(importId);
        if (progress) resolve(progress);
      };
      onEnded();
    });
  } finally {
    client.dispose();
  }
}
