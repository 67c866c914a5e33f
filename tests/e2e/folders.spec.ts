import { downloadedText } from './pages/Exports';
import { FolderList } from './pages/FolderList';
import { expect, test } from './fixtures/test';
import type { SpoolPage } from './pages/SpoolPage';

async function chats(spool: SpoolPage, ...titles: string[]): Promise<void> {
  for (const title of titles) {
    await spool.newChat();
    await spool.row('New chat').rename(title);
  }
}

test.describe('Folders', () => {
  test('a conversation dragged onto a folder is listed in that folder and no other', async ({
    spool,
    page,
  }) => {
    const folders = new FolderList(page);
    await chats(spool, 'Lisbon trip', 'Tax return');
    await folders.create('Travel');
    await folders.drop(spool.row('Lisbon trip'), 'Travel');
    await folders.show('Travel');
    await expect(spool.row('Lisbon trip').titleButton).toBeVisible();
    await expect(spool.row('Tax return').titleButton).toHaveCount(0);
    await expect(spool.conversations.getByRole('heading', { name: 'Travel' })).toBeVisible();
  });

  test('a conversation can be moved into a folder by keyboard from its Move to folder menu', async ({
    spool,
    page,
  }) => {
    const folders = new FolderList(page);
    await chats(spool, 'Recipes');
    await folders.create('Home');
    await folders.moveByKeyboard(spool.row('Recipes'), 'Home');
    await folders.show('Home');
    await expect(spool.row('Recipes').titleButton).toBeVisible();
  });

  test('a renamed folder keeps its conversations, and a deleted one leaves them in All chats', async ({
    spool,
    page,
  }) => {
    const folders = new FolderList(page);
    await chats(spool, 'Kept');
    await folders.create('Old name');
    await folders.drop(spool.row('Kept'), 'Old name');
    await folders.action('Old name', 'Rename folder');
    const input = folders.region.getByRole('textbox', { name: 'Folder name' });
    await input.fill('New name');
    await input.press('Enter');
    await folders.show('New name');
    await expect(spool.row('Kept').titleButton).toBeVisible();
    await folders.action('New name', 'Delete folder');
    await expect(folders.folder('New name')).toHaveCount(0);
    await expect(folders.folder('All chats')).toHaveAttribute('aria-current', 'true');
    await expect(spool.row('Kept').titleButton).toBeVisible();
  });

  test('the filter box lists only conversations whose title contains the text', async ({ spool, page }) => {
    const folders = new FolderList(page);
    await chats(spool, 'Trip to Lisbon', 'Lisbon food', 'Paris');
    await folders.filter.fill('lisbon');
    await expect(spool.row('Paris').titleButton).toHaveCount(0);
    await expect(spool.row('Trip to Lisbon').titleButton).toBeVisible();
    await expect(spool.row('Lisbon food').titleButton).toBeVisible();
    await folders.filter.fill('nothing like it');
    await expect(spool.conversations.getByText('No conversation matches.')).toBeVisible();
  });

  test('a folder exports as JSON with its conversations only', async ({ spool, page }) => {
    const folders = new FolderList(page);
    await chats(spool, 'Inside', 'Outside');
    await folders.create('Trips');
    await folders.drop(spool.row('Inside'), 'Trips');
    const downloading = page.waitForEvent('download');
    await folders.action('Trips', 'Export folder as JSON');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('Trips.json');
    const doc = JSON.parse(await downloadedText(download)) as {
      folder: { name: string };
      conversations: { conversation: { title: string } }[];
    };
    expect(doc.folder.name).toBe('Trips');
    expect(doc.conversations.map((c) => c.conversation.title)).toEqual(['Inside']);
  });

  test('a folder created in one tab appears in another without a reload', async ({ spool, page, host }) => {
    const other = await page.context().newPage();
    await other.goto(host.url);
    const there = new FolderList(other);
    await new FolderList(page).create('Shared');
    await expect(there.folder('Shared')).toBeVisible();
    void spool;
  });
});
