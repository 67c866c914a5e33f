/**
 * One owner per table (DESIGN.md §2): SQL on the stream tables is written only in
 * electron/core/stream/, SQL on `messages` only in electron/core/store/. Everyone else
 * calls their query modules. Migrations are history and exempt.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const coreRoot = fileURLToPath(new URL('../../../electron/core', import.meta.url));

const STREAM_TABLES = 'streams|chunks|chunk_rows|chunk_blocks|packed_streams|removed_streams';
const MESSAGE_TABLES = 'messages';

function sqlOn(tables: string): RegExp {
  // SQL keywords are written upper case in this code base; prose ("read from chunks") is not matched.
  return new RegExp(`\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+(${tables})\\b`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(coreRoot, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((f) => !f.startsWith('db/migrations/'));
}

/** Files outside `owner/` whose text holds SQL on `tables`, with the first offending line. */
function offenders(owner: string, tables: string): string[] {
  const pattern = sqlOn(tables);
  const found: string[] = [];
  for (const file of sourceFiles(coreRoot)) {
    if (file.startsWith(`${owner}/`)) continue;
    const lines = readFileSync(path.join(coreRoot, file), 'utf8').split('\n');
    const at = lines.findIndex((line) => pattern.test(line));
    if (at >= 0) found.push(`${file}:${at + 1}: ${lines[at]!.trim()}`);
  }
  return found;
}

describe('table owners in electron/core', () => {
  it('recognises SQL on a table and leaves prose alone, so the check can fail', () => {
    expect(sqlOn(STREAM_TABLES).test('SELECT id FROM streams WHERE x')).toBe(true);
    expect(sqlOn(MESSAGE_TABLES).test('UPDATE messages SET a = 1')).toBe(true);
    expect(sqlOn(MESSAGE_TABLES).test('the messages from a stream')).toBe(false);
  });

  it('writes SQL on streams and the chunk log only in core/stream/', () => {
    expect(offenders('stream', STREAM_TABLES)).toEqual([]);
  });

  it('writes SQL on messages only in core/store/', () => {
    expect(offenders('store', MESSAGE_TABLES)).toEqual([]);
  });
});
