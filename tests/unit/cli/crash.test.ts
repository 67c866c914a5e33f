import { describe, expect, test } from 'vitest';
import { replies, spool, startSpool, tempDir, useFakeProvider } from './helpers';
import { waitFor } from '../../helpers/waitFor';

const fake = useFakeProvider();
// Slow and long: the reply is still arriving when the process is killed.
const SLOW = 'script:long?tokens=2000&tps=40';

describe('spool chat killed mid-reply (issue 5, done when)', () => {
  test('after SIGKILL, `spool recover` then `spool export ID --format text` starts with everything chat printed', async () => {
    const dir = tempDir();
    const chat = startSpool(['chat', '--data-dir', dir, ...fake.chatArgs(SLOW), 'tell me a long story']);
    await waitFor(() => chat.stdout().length >= 60, 'chat to print some of the reply');
    chat.child.kill('SIGKILL');
    const killed = await chat.exited;
    expect(killed.signal).toBe('SIGKILL');
    const printed = killed.stdout;
    expect(printed.length).toBeGreaterThanOrEqual(60);

    const recovered = await spool(['recover', '--json', '--data-dir', dir]);
    expect(recovered.code).toBe(0);
    const report = JSON.parse(recovered.stdout.toString('utf8')) as {
      streamsInterrupted: number;
      messagesRebuilt: number;
      interrupted: { messageId: string; lastSeq: number }[];
    };
    expect(report.streamsInterrupted).toBe(1);

    const [reply] = await replies(dir);
    expect(reply!.status).toBe('interrupted');
    expect(report.interrupted.map((s) => s.messageId)).toEqual([reply!.id]);

    const exported = await spool(['export', reply!.id, '--format', 'text', '--data-dir', dir]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe('');
    expect(exported.stdout.subarray(0, printed.length).equals(printed)).toBe(true);

    // Recovery is done once: a second run finds nothing to do, and says so in words.
    const again = await spool(['recover', '--data-dir', dir]);
    expect(again.stdout.toString('utf8')).toBe(
      'Recovery: 0 interrupted stream(s) finalised, 0 message(s) rebuilt from the chunk log.\n',
    );
  });

  test('Ctrl-C (SIGINT) stops the reply, keeps what was printed, and exits 130', async () => {
    const dir = tempDir();
    const chat = startSpool(['chat', '--data-dir', dir, ...fake.chatArgs(SLOW), 'go on and on']);
    await waitFor(() => chat.stdout().length >= 20, 'chat to print some of the reply');
    chat.child.kill('SIGINT');
    const run = await chat.exited;
    expect(run.code).toBe(130);
    const [reply] = await replies(dir);
    expect(reply!.status).toBe('cancelled');
    const exported = await spool(['export', reply!.id, '--format', 'text', '--data-dir', dir]);
    expect(exported.stdout.equals(run.stdout)).toBe(true);
  });
});
