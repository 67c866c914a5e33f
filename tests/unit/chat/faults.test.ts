/**
 * Each provider fault, through the real provider code and the real core, ends in the
 * right message state, with the provider's own words in message.error and every
 * piece of text that was received kept.
 */
import { beforeEach, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { RetryEvent } from '../../../electron/core/chat/ReplyRunner';
import type { Message } from '../../../shared/api/schemas/messages';
import { DEFAULT_TEXT, tokenize } from '../../fake-provider/script';
import type { FakeProvider } from '../../fake-provider/server';
import { settled, textOf, useChatFixture, type TestCore } from './helpers';
import { libraryDb } from '../../helpers/libraryDb';

const chat = useChatFixture();
let fake: FakeProvider;
let t: TestCore;
let conversationId: string;
beforeEach(() => void ({ fake, t, conversationId } = chat));

async function replyWith(model: string): Promise<Message> {
  const sent = await t.ok<SentMessage>('chat.send', { conversationId, text: 'hi', model });
  return settled(t.core, sent.reply.message.id);
}

/** The text the chunk log holds for the message: what was received. */
function loggedText(message: Message): string {
  return (
    libraryDb(t.core)
      .prepare(
        `SELECT c.payload FROM chunks c JOIN streams s ON s.id = c.stream_id
         WHERE s.message_id = ? AND c.type = 'text-delta' ORDER BY s.started_at, c.seq`,
      )
      .pluck()
      .all(message.id) as string[]
  )
    .map((p) => (JSON.parse(p) as { delta: string }).delta)
    .join('');
}

const firstTokens = (n: number) => tokenize(DEFAULT_TEXT).slice(0, n).join('');

it('a connection cut mid-reply ends in error, keeping the text received before the cut', async () => {
  const message = await replyWith('script:cut-after-5');
  expect(message.status).toBe('error');
  expect(textOf(message)).toBe(firstTokens(5));
  expect(loggedText(message)).toBe(firstTokens(5));
  expect(message.error?.message).toBeTruthy();
});

it('a provider that stalls mid-reply ends in an idle timeout, keeping the text received', async () => {
  await t.ok('settings.set', { patch: { idleTimeoutMs: 1000 } });
  const message = await replyWith('script:stall-after-3');
  expect(message.status).toBe('error');
  expect(message.error).toMatchObject({ code: 'idle_timeout' });
  expect(message.error?.message).toMatch(/sent nothing more within 1 s/);
  expect(textOf(message)).toBe(firstTokens(3));
});

it('a 429 before the first chunk is retried, told live (never logged), and the reply completes', async () => {
  const live: unknown[] = [];
  t.core.engine.addListener({ live: (_streamId, event) => void live.push(event) });
  const message = await replyWith('script:http-429?times=1');
  expect(message.status).toBe('complete');
  expect(textOf(message)).toBe(DEFAULT_TEXT);
  expect(live).toEqual([
    expect.objectContaining<Partial<RetryEvent>>({ type: 'retry', retry: 1, code: 'rate_limit' }),
  ]);
  expect((live[0] as RetryEvent).errorText).toMatch(/scripted 429/);
  const types = libraryDb(t.core).prepare('SELECT DISTINCT type FROM chunks').pluck().all();
  expect(types).not.toContain('retry');
});

it('a 500 that never goes away ends in error with the provider words, after the retries', async () => {
  const before = fake.requests.length;
  const message = await replyWith('script:http-500');
  expect(message.status).toBe('error');
  expect(message.error).toMatchObject({ code: 'server' });
  expect(message.error?.message).toMatch(/internal error \(scripted 500\)/);
  expect(textOf(message)).toBe('');
  expect(fake.requests.length - before).toBe(4); // the first attempt and 3 retries
});

it('malformed SSE ends in a malformed error, keeping the text before it', async () => {
  const message = await replyWith('script:malformed-after-3');
  expect(message.status).toBe('error');
  expect(message.error).toMatchObject({ code: 'malformed' });
  expect(DEFAULT_TEXT.startsWith(textOf(message))).toBe(true);
  expect(textOf(message).length).toBeGreaterThanOrEqual(firstTokens(3).length);
  expect(textOf(message)).toBe(loggedText(message));
});

it('invalid JSON in an event ends in a malformed error, keeping the text before it', async () => {
  const message = await replyWith('script:invalid-json-after-3');
  expect(message.status).toBe('error');
  expect(message.error).toMatchObject({ code: 'malformed' });
  expect(textOf(message)).toBe(firstTokens(3));
});
