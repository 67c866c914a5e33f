import fs from 'node:fs';
import path from 'node:path';
import { DUMMY_KEY, fakeProviderSettings, failWith, say } from './fixtures/replies';
import { expect, test } from './fixtures/test';
import { DiagnosticsDialog, downloadReport, zipEntries, type Box } from './pages/DiagnosticsDialog';
import { InspectorDialog } from './pages/InspectorDialog';

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, outer: Box) =>
  a.x >= outer.x - 0.5 &&
  a.y >= outer.y - 0.5 &&
  a.x + a.width <= outer.x + outer.width + 0.5 &&
  a.y + a.height <= outer.y + outer.height + 0.5;

test.describe('Diagnostics', () => {
  test('the Diagnostics dialog shows the figures of the replies this library streamed, per period', async ({
    spool,
    fake,
  }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    say(fake, 'All good.', 200);
    await spool.send('First');
    await expect(spool.lastReply().status('Error')).toHaveCount(0);
    await expect(spool.sendButton).toBeVisible();
    failWith(fake, 401, 'Bad key (scripted 401).');
    await spool.send('Second');
    await expect(spool.lastReply().status('Error')).toBeVisible();

    await spool.page.getByRole('button', { name: 'Diagnostics' }).click();
    const dialog = spool.page.getByRole('dialog', { name: 'Diagnostics' });
    await expect(dialog).toBeVisible();
    const figure = (name: string) =>
      dialog.getByRole('term').getByText(name, { exact: true }).locator('xpath=following-sibling::dd[1]');
    await expect(figure('Started')).toHaveText('2');
    await expect(figure('Completed')).toHaveText('1');
    await expect(figure('Errored')).toHaveText('1');
    await expect(dialog.getByRole('img', { name: 'Streams per hour by outcome' })).toBeVisible();
    await expect(dialog.getByRole('row', { name: /fake-chat/ })).toBeVisible();

    await dialog.getByLabel('Period').selectOption({ label: 'Last 30 days' });
    await expect(dialog).toHaveAttribute('aria-busy', 'false');
    await expect(figure('Started')).toHaveText('2');
    await expect(dialog.getByRole('img', { name: 'Streams per day by outcome' })).toBeVisible();

    await dialog.getByRole('button', { name: 'Close diagnostics' }).click();
    await expect(dialog).toHaveCount(0);
  });

  test('the charts’ tick labels never overlap one another nor leave their chart, in every period', async ({
    spool,
    fake,
  }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    const diagnostics = new DiagnosticsDialog(spool.page);
    await diagnostics.open();
    const charts: [period: string, chart: string][] = [
      ['Last 24 hours', 'Streams per hour by outcome'],
      ['Last 24 hours', 'Provider errors by class'],
      ['Last 7 days', 'Streams per day by outcome'],
      ['Last 30 days', 'Streams per day by outcome'],
    ];
    for (const [period, name] of charts) {
      await diagnostics.dialog.getByLabel('Period').selectOption({ label: period });
      await expect(diagnostics.dialog).toHaveAttribute('aria-busy', 'false');
      const { chart, labels } = await diagnostics.chartLabels(name);
      expect(labels.length, `${name}: labels`).toBeGreaterThan(1);
      for (const [i, a] of labels.entries()) {
        expect.soft(inside(a, chart), `${name} (${period}): “${a.text}” inside the chart`).toBe(true);
        for (const b of labels.slice(i + 1))
          expect.soft(overlap(a, b), `${name} (${period}): “${a.text}” and “${b.text}” overlap`).toBe(false);
      }
    }
  });

  test('Report a problem writes a zip into the data dir, says where, and the key is nowhere in it', async ({
    spool,
    fake,
    dataDir,
  }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.page.getByRole('button', { name: 'Diagnostics' }).click();
    const dialog = spool.page.getByRole('dialog', { name: 'Diagnostics' });
    await dialog.getByRole('button', { name: 'Report a problem' }).click();

    const saved = dialog.getByRole('status');
    await expect(saved).toContainText(path.join(dataDir, 'reports'));
    const reports = fs.readdirSync(path.join(dataDir, 'reports')).filter((f) => f.endsWith('.zip'));
    expect(reports).toHaveLength(1);
    const zip = fs.readFileSync(path.join(dataDir, 'reports', reports[0]!));
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
    expect(zip.includes(Buffer.from(DUMMY_KEY))).toBe(false);
  });

  test('Report a problem with a chosen reply downloads a zip that carries that reply’s chunk log', async ({
    spool,
    fake,
  }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    say(fake, 'The reply to report.', 200);
    await spool.send('Something went wrong here');
    await expect(spool.lastReply().text).toHaveText('The reply to report.');
    await expect(spool.sendButton).toBeVisible();
    say(fake, 'Another reply.', 200);
    await spool.send('And here');
    await expect(spool.lastReply().text).toHaveText('Another reply.');
    await expect(spool.sendButton).toBeVisible();

    const diagnostics = new DiagnosticsDialog(spool.page);
    await diagnostics.open();
    await expect(diagnostics.chunkLogChoice).toHaveValue('');
    // Newest first, after "No message".
    await expect(diagnostics.chunkLogChoice.getByRole('option')).toHaveText([
      'No message',
      /Another reply\. \(complete, /,
      /The reply to report\. \(complete, /,
    ]);
    const messageId = await diagnostics.chooseReply(/The reply to report\./);
    await diagnostics.writeReport();
    await expect(diagnostics.report.getByRole('status')).toContainText(`message-${messageId}.jsonl`);

    const download = await downloadReport(
      spool.page,
      diagnostics.report.getByRole('button', { name: 'Download the report' }),
    );
    expect(download.suggestedFilename()).toMatch(/^spool-report-.+\.zip$/);
    expect(await zipEntries(download)).toContain(`message-${messageId}.jsonl`);
  });

  test('the stream inspector reports a problem with the reply it shows', async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    say(fake, 'Inspect and report me.', 200);
    await spool.send('Hello');
    await expect(spool.lastReply().text).toHaveText('Inspect and report me.');
    await expect(spool.sendButton).toBeVisible();

    const inspector = new InspectorDialog(spool.page);
    await inspector.open(spool.lastReply());
    await inspector.dialog.getByRole('button', { name: 'Report a problem with this reply' }).click();
    await expect(inspector.dialog.getByRole('status')).toContainText(/message-.+\.jsonl/);
    const download = await downloadReport(
      spool.page,
      inspector.dialog.getByRole('button', { name: 'Download the report' }),
    );
    const entries = await zipEntries(download);
    expect(entries.filter((name) => /^message-.+\.jsonl$/.test(name))).toHaveLength(1);
  });
});
