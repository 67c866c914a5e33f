/**
 * The library the README's screenshots show (scripts/screenshots.ts): two providers, a
 * Markdown reply from yesterday, a chat whose last reply was interrupted, a few titles.
 * Everything goes through the API, as a user's library comes to be: each question is
 * sent with `chat.send` and answered by the fake provider (scripted per reply) standing
 * in for the local Ollama server, so each reply has its stream, its model and its time;
 * the interrupted one is interrupted by closing the core mid-stream, as a quit does.
 */
import { SpoolCore, type CoreClient } from '../electron/core/SpoolCore';
import type { FakeProvider } from '../tests/fake-provider/server';
import { tokenize } from '../tests/fake-provider/script';
import { ReplyWatcher } from './screenshotsReplies';

const DAY_MS = 24 * 60 * 60 * 1000;
const MODEL = 'llama3.2';
/** Where Settings shows the Ollama provider: a user's own server, not the fake standing in for it. */
const OLLAMA_URL = 'http://127.0.0.1:11434';

const MARKDOWN_REASONING = 'They want a small, typed helper. Show the code, then the delays it produces.';
const MARKDOWN_REPLY =
  'Wrap the call in a loop that waits **twice as long** after each failure, with a little ' +
  '[jitter](https://en.wikipedia.org/wiki/Exponential_backoff) so clients do not retry in step:\n\n' +
  '```ts\nexport async function withRetry<T>(run: () => Promise<T>, tries = 5): Promise<T> {\n' +
  '  for (let attempt = 0; ; attempt++) {\n    try {\n      return await run();\n    } catch (err) {\n' +
  '      if (attempt + 1 >= tries) throw err;\n      const delay = 250 * 2 ** attempt * (0.5 + Math.random());\n' +
  '      await new Promise((r) => setTimeout(r, delay));\n    }\n  }\n}\n```\n\n' +
  '| Attempt | Waits about |\n| --- | --- |\n| 1 | 250 ms |\n| 2 | 500 ms |\n| 3 | 1 s |\n\n' +
  'Only retry what can succeed later: timeouts, `429` and `5xx`, never a `400`.';

const GROUP_COMMIT_REPLY =
  'Not really. The trick is group commit: tokens that arrive in the same event-loop turn are written ' +
  'in one transaction, so a fast model costs a handful of small writes per second.\n\n' +
  'What you get in return: a reply is on disk before you ever see it. Close the window, kill the ' +
  'app or lose the network, and the reply is still there, exactly as far as it got.';

/** What is on disk when the app quits: the provider was going to add " it." */
const INTERRUPTED_REPLY =
  'Then on the next start Spool finds the stream that lost its owner, marks it interrupted and keeps ' +
  'every chunk it had committed. You can continue it from there, or regenerate';

/** A fake-provider script: `text` (after `reasoning`) as fast as it can. */
const script = (preset: string, text: string, reasoning?: string) =>
  `script:${preset}?tps=0&text=${encodeURIComponent(text)}` +
  (reasoning ? `&reasoning=${encodeURIComponent(reasoning)}` : '');

function must<T>(result: { ok: true; data: T } | { ok: false; error: { message: string } }, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.message}`);
  return result.data;
}

async function conversation(client: CoreClient, title: string, providerId?: string) {
  const created = must(await client.call('conversations.create', { title }), 'conversations.create');
  if (providerId !== undefined)
    must(
      await client.call('conversations.setModel', { id: created.id, providerId, model: MODEL }),
      'conversations.setModel',
    );
  return created.id;
}

export async function seed(dataDir: string, fake: FakeProvider): Promise<void> {
  let backdateMs = 0;
  const core = SpoolCore.open({
    dataDir,
    mode: 'test',
    debounceMs: 0,
    clock: { now: () => Date.now() - backdateMs },
  });
  const replies = new ReplyWatcher();
  const client = core.connect((event) => replies.onEvent(event));
  must(
    await client.call('providers.save', {
      provider: {
        kind: 'openai-compatible',
        name: 'Fake provider',
        baseUrl: `${fake.url}/v1`,
        defaultModel: 'fake-chat',
      },
      apiKey: 'sk-screenshot-dummy',
    }),
    'providers.save',
  );
  const ollamaProvider = {
    kind: 'ollama' as const,
    name: 'Ollama (local)',
    baseUrl: fake.url,
    defaultModel: MODEL,
  };
  const ollama = must(await client.call('providers.save', { provider: ollamaProvider }), 'providers.save');

  /** Sends the question; the fake answers it with `reply` (a script); resolves with the reply's stream. */
  const ask = async (conversationId: string, question: string, reply: string) => {
    fake.setScript(reply, MODEL);
    const sent = must(await client.call('chat.send', { conversationId, text: question }), 'chat.send');
    return sent.reply;
  };

  backdateMs = DAY_MS - 2 * 60 * 60 * 1000; // yesterday, two hours later in the day than now
  const md = await conversation(client, 'Retry with backoff in TypeScript', ollama.id);
  const mdReply = await ask(
    md,
    'How do I retry a fetch with exponential backoff?',
    script('hello', MARKDOWN_REPLY, MARKDOWN_REASONING),
  );
  await replies.ended(mdReply.message.id, 'complete');
  backdateMs = 0;

  for (const title of ['Sourdough starter schedule', 'Rust lifetimes, explained', 'Trip to Lisbon in May'])
    await conversation(client, title);
  await conversation(client, 'How does group commit work?');
  const chat = await conversation(client, 'Why SQLite for a chat app?', ollama.id);
  const first = await ask(
    chat,
    'Why would a chat app write every streamed token to SQLite? Isn’t that slow?',
    script('hello', GROUP_COMMIT_REPLY),
  );
  await replies.ended(first.message.id, 'complete');
  // Every token but the last, then the provider stalls with the socket open: still streaming.
  const sent = tokenize(INTERRUPTED_REPLY).length;
  const last = await ask(
    chat,
    'And if the app crashes mid-reply?',
    script(`stall-after-${sent}`, `${INTERRUPTED_REPLY} it.`),
  );
  await replies.committed(client, last.streamId, INTERRUPTED_REPLY);

  must(
    await client.call('providers.save', {
      provider: { ...ollamaProvider, id: ollama.id, baseUrl: OLLAMA_URL },
    }),
    'providers.save',
  );
  client.dispose();
  await core.close(); // interrupts the reply still streaming, keeping what it committed
}
