import { join } from 'node:path';
import { openDatabase } from '../../electron/core/db/openDatabase';
import { ConversationStore } from '../../electron/core/store/ConversationStore';
import { contractViolationsIn, expectNoContractViolations } from '../helpers/contractLog';
import { startHostProcess } from './fixtures/hostProcess';
import { expect, test } from './fixtures/test';
import { SpoolPage } from './pages/SpoolPage';

/**
 * The check every other spec runs under (the `host` fixture), shown failing. The library
 * holds one conversation whose creation time is negative — outside the schema, written
 * behind the core's back — so what the host sends about it must be reported. This test
 * starts its own host, since the fixture's would (rightly) fail it.
 */
function libraryWithAnOutOfSchemaConversation(dataDir: string): void {
  const { db } = openDatabase({ file: join(dataDir, 'spool.db') });
  const { id } = new ConversationStore(db, { now: () => Date.UTC(2026, 0, 1) }, () => 'bad-1').create(
    'Created before 1970',
  );
  db.prepare('UPDATE conversations SET created_at = -1 WHERE id = ?').run(id);
  db.close();
}

test('a reply and an event outside their schema are reported, naming the channel, the event and the issue', async ({
  page,
  dataDir,
}, testInfo) => {
  libraryWithAnOutOfSchemaConversation(dataDir);
  const contractLog = testInfo.outputPath('expected-violations.jsonl');
  const host = await startHostProcess(dataDir, { contractLog });
  try {
    const spool = new SpoolPage(page);
    await spool.open(host.url);
    await expect(spool.row('Created before 1970').titleButton).toBeVisible();
    await expect
      .poll(() => contractViolationsIn(contractLog).join('\n'))
      .toMatch(/Reply to conversations\.page outside its schema: .*\n.*at conversations\[0\]\.createdAt/);

    await spool.row('Created before 1970').rename('Renamed');
    await expect
      .poll(() => contractViolationsIn(contractLog).join('\n'))
      .toMatch(/Event conversations\.delta outside its schema: .*\n.*at conversation\.createdAt/);
  } finally {
    await host.stop();
  }
  expect(() => expectNoContractViolations(contractLog)).toThrow(/outside their schema/);
});
