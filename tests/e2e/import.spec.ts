import fs from 'node:fs';
import path from 'node:path';
import { syntheticConversation } from '../helpers/syntheticExport';
import { chatgptConversation } from '../unit/import/fixtures';
import { expect, test } from './fixtures/test';
import { ImportSection } from './pages/ImportSection';
import { SearchDialog } from './pages/SearchDialog';

/** Settings → Import in browser mode: the file is uploaded to the host, then imported. */
test.describe('Import', () => {
  test('a ChatGPT export imports with progress, then its conversations show and search finds them', async ({
    spool,
    page,
    dataDir,
  }) => {
    // Enough conversations (about 3 MB) that the import takes a while and its progress shows.
    const many = Array.from({ length: 1500 }, (_, i) =>
      syntheticConversation(i, { turns: 2, textChars: 300 }),
    );
    const file = path.join(dataDir, '..', `${path.basename(dataDir)}-conversations.json`);
    fs.writeFileSync(file, JSON.stringify([chatgptConversation(), ...many]));
    try {
      await spool.openSettings();
      const imports = new ImportSection(page);
      await imports.importFile(file);
      await expect(imports.progress).toBeVisible({ timeout: 30_000 });
      await expect(imports.status).toContainText(/conversations? read, \d+ new, \d+ messages? added/);
      await expect(imports.status).toHaveText(
        'Imported 1501 new conversations and 7508 messages from a ChatGPT export.',
        { timeout: 120_000 },
      );
      await page.getByRole('button', { name: 'Close settings' }).click();

      await spool.row('Arithmetic').select();
      // The regenerated answer, the one ChatGPT showed (current_node), is there.
      const fortyTwo = spool.messagesFrom('Assistant').filter({ hasText: 'Forty-two' });
      await expect(fortyTwo).toBeVisible();
      // Where it came from: the export, the model that wrote it, its original time.
      await expect(fortyTwo).toContainText(/ChatGPT export · gpt-4o-mini · .*2023/);

      const search = new SearchDialog(page);
      await search.openWithShortcut();
      await search.search('Forty-two');
      await expect(search.results).toHaveCount(1);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  test('a file that is not an export says why, and nothing is imported', async ({ spool, page, dataDir }) => {
    const file = path.join(dataDir, '..', `${path.basename(dataDir)}-notes.json`);
    fs.writeFileSync(file, '{"notes": ["not a chat export"]}');
    try {
      await spool.openSettings();
      const imports = new ImportSection(page);
      await imports.importFile(file);
      await expect(imports.alert).toHaveText(
        'Import failed: Unknown format: not a ChatGPT or Claude conversations.json, nor a Spool JSON export.',
      );
      await page.getByRole('button', { name: 'Close settings' }).click();
      await expect(spool.rows()).toHaveCount(0);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
