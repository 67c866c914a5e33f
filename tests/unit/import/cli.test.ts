import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { spool, tempDir } from '../cli/helpers';
import { chatgptConversation, claudeConversation, writeJson, writeZipFile } from './fixtures';

describe('spool import', () => {
  test('imports a zip, prints progress on stderr and the summary on stdout', async () => {
    const dir = tempDir();
    const zip = writeZipFile(dir, 'export.zip', [
      { name: 'conversations.json', data: JSON.stringify([claudeConversation()]) },
    ]);
    const run = await spool(['import', zip, '--data-dir', path.join(dir, 'data')]);
    expect(run.code).toBe(0);
    expect(run.stdout.toString()).toBe(
      'Imported 1 new conversation(s) and 3 message(s) from a Claude export; 1 conversation(s) read.\n',
    );
    expect(run.stderr).toMatch(/importing 100% · 1 conversation\(s\) read, 1 new, 3 message\(s\) added/);
  });

  test('--json prints the final progress, and a second run adds nothing', async () => {
    const dir = tempDir();
    const file = writeJson(dir, 'conversations.json', [chatgptConversation()]);
    const dataDir = path.join(dir, 'data');
    await spool(['import', file, '--data-dir', dataDir]);
    const again = await spool(['import', file, '--data-dir', dataDir, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout.toString())).toMatchObject({
      state: 'done',
      format: 'chatgpt',
      conversations: 1,
      conversationsAdded: 0,
      messagesAdded: 0,
    });
  });

  test('a file that is not an export exits 9 with the reason on stderr and nothing on stdout', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'hello');
    const run = await spool(['import', file, '--data-dir', path.join(dir, 'data')]);
    expect(run.code).toBe(9);
    expect(run.stdout.toString()).toBe('');
    expect(run.stderr).toContain('spool: import failed: Unknown format');
  });

  test('without a file it is a usage error', async () => {
    const run = await spool(['import', '--data-dir', tempDir()]);
    expect(run.code).toBe(2);
  });
});
