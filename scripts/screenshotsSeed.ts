/**
 * The library the README's screenshots show (scripts/screenshots.ts): two providers, a
 * Markdown reply from yesterday, a chat whose last reply was interrupted, a few titles.
 * Replies are written through the stream engine as a provider's would be, so each has
 * its stream, its model and its time, and the interrupted one is interrupted by closing
 * the core mid-stream, as a quit does.
 */
import type { Chunk } from '../shared/chunks';
import { SpoolCore } from '../electron/core/SpoolCore';
import type { Answerer } from '../electron/core/store/MessageStore';

const text = (t: string) => [{ type: 'text' as const, text: t }];
const DAY_MS = 24 * 60 * 60 * 1000;

const MARKDOWN_REPLY =
  'Wrap the call in a loop that waits **twice as long** after each failure, with a little ' +
  '[jitter](https://en.wikipedia.org/wiki/Exponential_backoff) so clients do not retry in step:\n\n' +
  '```ts\nexport async function withRetry<T>(run: () => Promise<T>, tries = 5): Promise<T> {\n' +
  '  for (let attempt = 0; ; attempt++) {\n    try {\n      return await run();\n    } catch (err) {\n' +
  '      if (attempt + 1 >= tries) throw err;\n      const delay = 250 * 2 ** attempt * (0.5 + Math.random());\n' +
  '      await new Promise((r) => setTimeout(r, delay));\n    }\n  }\n}\n```\n\n' +
  '| Attempt | Waits about |\n| --- | --- |\n| 1 | 250 ms |\n| 2 | 500 ms |\n| 3 | 1 s |\n\n' +
  'Only retry what can succeed later: timeouts, `429` and `5xx`, never a `400`.';

/** The chunks a provider would have sent for this reply (reasoning first, when there is some). */
function chunksOf(answer: string, reasoning?: string): Chunk[] {
  return [
    { type: 'start' },
    ...(reasoning
      ? ([
          { type: 'reasoning-start', id: 'r1' },
          { type: 'reasoning-delta', id: 'r1', delta: reasoning },
          { type: 'reasoning-end', id: 'r1' },
        ] as Chunk[])
      : []),
    { type: 'text-start', id: 't1' },
    ...answer.split(/(?<= )/).map((delta): Chunk => ({ type: 'text-delta', id: 't1', delta })),
  ];
}

export async function seed(dataDir: string, providerUrl: string): Promise<void> {
  let backdateMs = 0;
  const core = SpoolCore.open({
    dataDir,
    mode: 'test',
    debounceMs: 0,
    clock: { now: () => Date.now() - backdateMs },
  });
  const client = core.connect(() => {});
  const saved = await client.call('providers.save', {
    provider: {
      kind: 'openai-compatible',
      name: 'Fake provider',
      baseUrl: `${providerUrl}/v1`,
      defaultModel: 'fake-chat',
    },
    apiKey: 'sk-screenshot-dummy',
  });
  if (!saved.ok) throw new Error(saved.error.message);
  const ollama = await client.call('providers.save', {
    provider: {
      kind: 'ollama',
      name: 'Ollama (local)',
      baseUrl: 'http://127.0.0.1:11434',
      defaultModel: 'llama3.2',
    },
  });
  if (!ollama.ok) throw new Error(ollama.error.message);
  client.dispose();
  const answerer: Answerer = {
    providerId: ollama.data.id,
    providerName: 'Ollama (local)',
    model: 'llama3.2',
  };

  /** A reply streamed into the log; `end: false` leaves it streaming until the core closes. */
  const reply = (conversationId: string, chunks: Chunk[], end = true) => {
    const message = core.messages.insert({
      conversationId,
      role: 'assistant',
      status: 'streaming',
      answerer,
    });
    const stream = core.engine.start({
      messageId: message.id,
      provider: answerer.providerId,
      model: answerer.model,
    });
    for (const chunk of chunks) void stream.append(chunk);
    if (end) void stream.append({ type: 'text-end', id: 't1' });
    if (end) void stream.complete('stop');
  };
  const ask = (conversationId: string, question: string) =>
    core.messages.insert({ conversationId, role: 'user', parts: text(question) });

  backdateMs = DAY_MS - 2 * 60 * 60 * 1000; // yesterday, two hours later in the day than now
  const md = core.conversations.create('Retry with backoff in TypeScript');
  core.conversations.setModel(md.id, answerer.providerId, answerer.model);
  ask(md.id, 'How do I retry a fetch with exponential backoff?');
  reply(
    md.id,
    chunksOf(MARKDOWN_REPLY, 'They want a small, typed helper. Show the code, then the delays it produces.'),
  );
  core.engine.flush();
  backdateMs = 0;

  const titles = ['Sourdough starter schedule', 'Rust lifetimes, explained', 'Trip to Lisbon in May'];
  for (const title of titles) core.conversations.create(title);
  core.conversations.create('How does group commit work?');
  const chat = core.conversations.create('Why SQLite for a chat app?');
  core.conversations.setModel(chat.id, answerer.providerId, answerer.model);
  ask(chat.id, 'Why would a chat app write every streamed token to SQLite? Isn’t that slow?');
  reply(
    chat.id,
    chunksOf(
      'Not really. The trick is group commit: tokens that arrive in the same event-loop turn are written ' +
        'in one transaction, so a fast model costs a handful of small writes per second.\n\n' +
        'What you get in return: a reply is on disk before you ever see it. Close the window, kill the ' +
        'app or lose the network, and the reply is still there, exactly as far as it got.',
    ),
  );
  core.engine.flush();
  ask(chat.id, 'And if the app crashes mid-reply?');
  reply(
    chat.id,
    chunksOf(
      'Then on the next start Spool finds the stream that lost its owner, marks it interrupted and keeps ' +
        'every chunk it had committed. You can continue it from there, or regenerate',
    ),
    false,
  );
  core.engine.flush();
  await core.close(); // interrupts the reply still streaming, keeping what it committed
}
