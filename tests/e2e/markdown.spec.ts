import { expect, test } from './fixtures/test';
import { fakeProviderSettings, say } from './fixtures/replies';

/** Replies as people read them: Markdown, code with Copy code, reasoning folded, tool calls as cards. */
test.describe('Messages', () => {
  test.beforeEach(async ({ spool, fake }) => {
    await spool.addProviderInOnboarding(fakeProviderSettings(fake));
    await spool.newChat();
  });

  test('a reply in Markdown shows a GFM table with its header and cells', async ({ spool, fake }) => {
    say(
      fake,
      'Here you go:\n\n| City | Temp |\n| --- | ---: |\n| Paris | 21 |\n| Oslo | 9 |\n\nThat is all.',
      0,
    );
    await spool.send('Weather table please');

    const table = spool.lastReply().article.getByRole('table');
    await expect(table.getByRole('columnheader', { name: 'City' })).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(3);
    await expect(table.getByRole('cell', { name: 'Oslo' })).toBeVisible();
  });

  test('a single line break in a reply stays a line break', async ({ spool, fake }) => {
    say(fake, 'Roses are red,\nviolets are blue.\n(024)\nwords', 0);
    await spool.send('A poem please');

    const text = spool.lastReply().text;
    await expect(text).toContainText('words');
    await expect(text.locator('br')).toHaveCount(3);
    expect(await text.innerText()).toContain('(024)\nwords');
  });

  test('math in a reply is rendered with KaTeX, inline and on its own line', async ({
    spool,
    fake,
    page,
  }) => {
    say(fake, 'Thin space: $a\\,b$.\n\n$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$', 0);
    await spool.send('Some maths');

    const reply = spool.lastReply().article;
    await expect(reply.locator('.katex-display .katex')).toHaveCount(1);
    await expect(reply.locator('.katex')).toHaveCount(2);
    await expect(reply.locator('annotation')).toHaveText(['a\\,b', '\\int_0^1 x\\,dx = \\frac{1}{2}']);
    // The KaTeX fonts load from the app itself, allowed by its Content-Security-Policy.
    await expect
      .poll(() =>
        page.evaluate<boolean>(
          "[...document.fonts].some((face) => face.family.includes('KaTeX_Main') && face.status === 'loaded')",
        ),
      )
      .toBe(true);
  });

  test('a link in a reply opens outside the app, in a new tab with no way back', async ({ spool, fake }) => {
    say(fake, 'Read [the Spool docs](https://example.com/spool) first.', 0);
    await spool.send('Where are the docs?');

    const link = spool.lastReply().article.getByRole('link', { name: 'the Spool docs' });
    await expect(link).toHaveAttribute('href', 'https://example.com/spool');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  test('a code block shows its language, and Copy code puts exactly the code on the clipboard', async ({
    spool,
    fake,
    page,
    context,
    host,
  }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
    const code = 'def double(x):\n    return x * 2';
    say(fake, `Like this:\n\n\`\`\`python\n${code}\n\`\`\`\n\nDone.`, 0);
    await spool.send('Show me a function');

    const reply = spool.lastReply().article;
    await expect(reply.getByText('python', { exact: true })).toBeVisible();
    await reply.getByRole('button', { name: 'Copy code' }).click();
    await expect(
      reply.getByRole('status').filter({ hasText: 'Code copied to the clipboard' }),
    ).toBeAttached();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(code);
  });

  test('reasoning is folded under Reasoning and opens when clicked', async ({ spool, fake }) => {
    fake.setScript('script:reasoning?tps=0');
    await spool.send('Hi!');

    const reply = spool.lastReply();
    await expect(reply.text).toHaveText('Hello there!');
    const reasoning = reply.article.getByRole('group').filter({ hasText: 'Reasoning' });
    const thoughts = reasoning.getByText('I should answer briefly and kindly.');
    await expect(thoughts).toBeHidden();
    await reasoning.getByText('Reasoning', { exact: true }).click();
    await expect(thoughts).toBeVisible();
  });

  test('a tool call shows as a card with the tool’s name, the input the model passed and the error in its own words', async ({
    spool,
    fake,
  }) => {
    fake.setScript('script:tool-call?tps=0');
    await spool.send('What is the weather in Paris?');

    const card = spool.lastReply().article.getByRole('region', { name: 'Tool call get_weather' });
    await expect(card).toBeVisible();
    await expect(card).toContainText('"city": "Paris"');
    await expect(card).toContainText('"days": 3');
    // Spool offers the model no tools, so the SDK answers the call with an error.
    await expect(card).toContainText('Failed');
    await expect(card).toContainText("Model tried to call unavailable tool 'get_weather'");
  });
});
