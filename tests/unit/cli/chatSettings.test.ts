import { describe, expect, test } from 'vitest';
import { listJson, replies, spool, tempDir, useFakeProvider } from './helpers';

const fake = useFakeProvider();

type Body = { messages: { role: string; content: unknown }[]; [key: string]: unknown };
const bodyFor = (model: string) =>
  fake
    .fake()
    .requests.filter((r) => r.model === model)
    .at(-1)!.body as Body;

describe('spool chat --system --temperature --top-p --max-tokens', () => {
  test('sends the system prompt and each parameter, and spool inspect --json gives them with the usage', async () => {
    const dir = tempDir();
    const model = 'script:hello?tokens=3';
    const run = await spool([
      'chat',
      '--data-dir',
      dir,
      ...fake.chatArgs(model),
      '--system',
      'Be brief.',
      '--temperature',
      '0.25',
      '--top-p',
      '0.8',
      '--max-tokens',
      '64',
      'hello',
    ]);
    expect(run.stderr.toString()).toBe('');
    expect(run.code).toBe(0);
    const body = bodyFor(model);
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
    expect(body).toMatchObject({ temperature: 0.25, top_p: 0.8, max_tokens: 64 });

    const [reply] = await replies(dir);
    const report = JSON.parse(
      (await spool(['inspect', reply!.id, '--json', '--data-dir', dir])).stdout.toString(),
    ) as {
      usage: unknown;
      streams: { sent: unknown }[];
    };
    expect(report.usage).toEqual({ inputTokens: 10, outputTokens: 3 });
    expect(report.streams.map((s) => s.sent)).toEqual([
      { system: 'Be brief.', params: { temperature: 0.25, topP: 0.8, maxOutputTokens: 64 } },
    ]);
    const text = (await spool(['inspect', reply!.id, '--data-dir', dir])).stdout.toString();
    expect(text).toMatch(/Tokens: 10 in · 3 out/);
    expect(text).toMatch(/sent +system prompt \(9 chars\), temperature 0.25, top-p 0.8, max tokens 64/);
  });

  test.each([
    [['--temperature', '7'], /temperature is at most 2/],
    [['--top-p', 'lots'], /--top-p must be a number, not "lots"/],
    [['--max-tokens', '2.5'], /whole number/],
  ])('refuses %j with exit 2 before anything is written', async (flags, words) => {
    const dir = tempDir();
    const before = fake.fake().requests.length;
    const run = await spool(['chat', '--data-dir', dir, ...fake.chatArgs('script:hello'), ...flags, 'hi']);
    expect(run.code).toBe(2);
    expect(run.stderr.toString()).toMatch(words);
    expect(fake.fake().requests).toHaveLength(before);
    expect((await listJson(dir).catch(() => ({ conversations: [] }))).conversations).toEqual([]);
  });
});
