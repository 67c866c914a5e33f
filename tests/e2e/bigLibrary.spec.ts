import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/openDatabase';
import { ConversationStore } from '../../electron/core/store/ConversationStore';
import { expect, test } from './fixtures/test';

const CONVERSATIONS = 2000;

/** A big library: the sidebar keeps only a screenful of rows in the page, and scrolls to any of them. */
test.describe('A big library', () => {
  test.use({
    // eslint-disable-next-line no-empty-pattern
    prepareDataDir: async ({}, use) => {
      await use((dir: string) => {
        const { db } = openDatabase({ file: join(dir, 'spool.db') });
        let n = 0;
        let now = Date.UTC(2026, 0, 1);
        const store = new ConversationStore(db, { now: () => (now += 1000) }, () => `seed-${++n}`);
        db.transaction(() => {
          for (let i = 1; i <= CONVERSATIONS; i++) store.create(`Seeded conversation ${i}`);
        })();
        db.close();
      });
    },
  });

  test('the sidebar of 2,000 conversations has only a screenful of rows in the page, and scrolls to the oldest', async ({
    spool,
    page,
  }) => {
    const rows = spool.conversations.getByRole('listitem');
    await expect(
      spool.conversations.getByRole('button', { name: 'Seeded conversation 2000', exact: true }),
    ).toBeVisible();
    expect(await rows.count()).toBeLessThan(60);

    const oldest = spool.conversations.getByRole('button', { name: 'Seeded conversation 1', exact: true });
    await spool.conversations.hover();
    // The wheel, as a reader scrolls, until the oldest row has been rendered and is in view.
    await expect(async () => {
      await page.mouse.wheel(0, 40_000);
      await expect(oldest).toBeInViewport({ timeout: 1000 });
    }).toPass();
    expect(await rows.count()).toBeLessThan(60);
    await oldest.click();
    await expect(spool.chatTitle).toHaveText('Seeded conversation 1');
  });
});
