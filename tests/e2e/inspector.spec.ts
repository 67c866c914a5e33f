import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say, scriptedReply } from './fixtures/replies';
import { InspectorDialog } from './pages/InspectorDialog';

/** The stream inspector: what happened to a reply, drawn from its chunk log. */
test.describe('Stream inspector', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
  });

  test('shows the chunk chart, the figures and "started … finished" for a reply', async ({
    spool,
    fake,
    page,
  }) => {
    say(fake, scriptedReply(20), 40);
    await spool.send('Count for me');
    await expect(spool.lastReply().text).toHaveText(scriptedReply(20));

    const inspector = new InspectorDialog(page);
    await inspector.open(spool.lastReply());

    await expect(inspector.charts).toHaveCount(1);
    await expect(inspector.dialog.getByText('Time to first chunk')).toBeVisible();
    await expect(inspector.history).toHaveText([/^Started/, /^Finished/]);
    await inspector.close();
  });

  test('tells "interrupted … continued … finished" for a reply cut by a crash and continued', async ({
    spool,
    fake,
    host,
    page,
  }) => {
    const full = scriptedReply(60);
    say(fake, full);
    await spool.send('Keep going');
    const title = (await spool.selected().textContent())!;
    await spool.lastReply().textLongerThan(20);

    await host.kill();
    await host.restart();
    await spool.open(host.url);
    await spool.row(title).select();
    const reply = spool.lastReply();
    await expect(reply.status('Interrupted')).toBeVisible();
    const recovered = await reply.currentText();
    say(fake, full.slice(recovered.length), 60);
    await reply.continue();
    await expect(reply.text).toHaveText(full);

    const inspector = new InspectorDialog(page);
    await inspector.open(reply);
    await expect(inspector.charts).toHaveCount(2);
    // The audit trail adds what the streams rows cannot tell: found at launch, rebuilt from the log.
    await expect(inspector.history).toHaveText([
      /^Started/,
      /^Interrupted.*Found at launch/,
      /^Recovered/,
      /^Continued/,
      /^Finished/,
    ]);
  });
});
