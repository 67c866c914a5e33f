import { describe, expect, test } from 'vitest';
import type { Stats } from '../../../shared/api/schemas/stats';
import { spool, startSpool, tempDir, useFakeProvider } from '../cli/helpers';
import { waitFor } from '../../helpers/waitFor';

const fake = useFakeProvider();
const SECRET = 'sk-stats-cli-3c9e1f7a2b-NEVER-PRINT';

describe('spool stats', () => {
  test('after a SIGKILL mid-reply and the recovery that follows, --json counts the interrupted stream and the recovery', async () => {
    const dir = tempDir();
    const env = { OPENAI_API_KEY: SECRET };
    const done = await spool(['chat', '--data-dir', dir, ...fake.chatArgs('script:hello'), 'hi'], { env });
    expect(done.code).toBe(0);
    const chat = startSpool(
      ['chat', '--data-dir', dir, ...fake.chatArgs('script:long?tokens=2000&tps=40'), 'go'],
      {
        env,
      },
    );
    await waitFor(() => chat.stdout().length >= 40, 'chat to print some of the reply');
    chat.child.kill('SIGKILL');
    await chat.exited;

    const run = await spool(['stats', '--json', '--since', '7d', '--data-dir', dir]);
    expect(run.code).toBe(0);
    const stats = JSON.parse(run.stdout.toString('utf8')) as Stats;
    expect(stats.streams).toMatchObject({ started: 2, completed: 1, interrupted: 1 });
    expect(stats.recoveries).toMatchObject({ runs: 1, streamsInterrupted: 1 });
    expect(stats.persistence.committed).toBeGreaterThan(0);

    const text = await spool(['stats', '--data-dir', dir]);
    expect(text.code).toBe(0);
    expect(text.stdout.toString('utf8')).toMatch(/^Streams +started 2 · completed 1 · interrupted 1/m);
    for (const out of [run.stdout.toString('utf8'), run.stderr, text.stdout.toString('utf8'), text.stderr]) {
      expect(out).not.toContain(SECRET);
    }
  });

  test('a cut reply counts once, and still once after spool regenerate (the issue as a new user tried it)', async () => {
    const dir = tempDir();
    const chat = await spool(['chat', '--data-dir', dir, ...fake.chatArgs('script:cut-after-20'), 'tell me']);
    expect(chat.code).toBe(1);
    const failed = async () => {
      const run = await spool(['stats', '--json', '--data-dir', dir]);
      expect(run.code).toBe(0);
      const { streams } = JSON.parse(run.stdout.toString('utf8')) as Stats;
      return { ...streams, failed: streams.errored + streams.interrupted };
    };
    expect(await failed()).toMatchObject({ started: 1, failed: 1 });
    const replyId = (
      JSON.parse((await spool(['list', '--json', '--data-dir', dir])).stdout.toString('utf8')) as {
        conversations: { messages: { id: string; role: string }[] }[];
      }
    ).conversations[0]!.messages.find((m) => m.role === 'assistant')!.id;
    const regenerated = await spool(['regenerate', replyId, '--model', 'script:hello', '--data-dir', dir]);
    expect(regenerated.code).toBe(0);
    expect(await failed()).toMatchObject({ started: 2, completed: 1, failed: 1 });
  }, 90_000);

  test('refuses a period it does not know with a usage error', async () => {
    const run = await spool(['stats', '--since', '2w', '--data-dir', tempDir()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--since');
  });
});
