/**
 * A real SpoolCore on a temp data dir, talking to the real fake provider, with every
 * API reply, event, log line and internal error it produced recorded (the key
 * hygiene test greps all of them).
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { ApiEventMessage } from '../../../shared/api/events';
import type { ApiResult } from '../../../shared/api/result';
import type { Attachment } from '../../../shared/api/schemas/attachments';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import type { Message } from '../../../shared/api/schemas/messages';
import type { ProviderKind } from '../../../shared/api/schemas/providers';
import { SpoolCore, type CoreClient, type SpoolCoreOptions } from '../../../electron/core/SpoolCore';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server';
import { makeTempDir } from '../../helpers/tempDir';
import { waitFor } from '../../helpers/waitFor';
import { captureCoreConnection } from '../../helpers/libraryDb';
import { checkEvent, checkReply } from '../../helpers/contractCheck';

export const SECRET_KEY = 'sk-spool-chat-test-7f3a9c2e41d8b6-KEEP-OUT';

export interface Recorded {
  replies: ApiResult<unknown>[];
  events: ApiEventMessage[];
  logs: string[];
  internalErrors: { err: unknown; where: string }[];
}

export interface TestCore {
  core: SpoolCore;
  client: CoreClient;
  recorded: Recorded;
  /** Calls the API and returns data, failing the test on an error reply. */
  ok<T = unknown>(channel: string, payload: unknown): Promise<T>;
  call(channel: string, payload: unknown): Promise<ApiResult<unknown>>;
}

export function openCore(
  dataDir: string,
  recorded: Recorded = { replies: [], events: [], logs: [], internalErrors: [] },
  options: Partial<SpoolCoreOptions> = {},
): TestCore {
  const core = SpoolCore.open({
    dataDir,
    mode: 'test',
    env: {},
    chat: { retry: { baseDelayMs: 10, maxDelayMs: 50 } },
    // Title requests would be extra provider requests these tests do not count on (tests/unit/library asks).
    library: { askProviderForTitles: false },
    log: (line) => recorded.logs.push(line),
    onInternalError: (err, where) => recorded.internalErrors.push({ err, where }),
    testHooks: captureCoreConnection,
    ...options,
  });
  const client = core.connect((event) => {
    checkEvent(event);
    recorded.events.push(event);
  });
  const call = async (channel: string, payload: unknown) => {
    const result = await client.callUntrusted(channel, payload);
    checkReply(channel, result);
    recorded.replies.push(result);
    return result;
  };
  return {
    core,
    client,
    recorded,
    call,
    async ok<T>(channel: string, payload: unknown): Promise<T> {
      const result = await call(channel, payload);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.data as T;
    },
  };
}

/** Saves a provider pointing at the fake server and returns its id. */
export async function addProvider(
  t: TestCore,
  url: string,
  { kind = 'openai-compatible', apiKey = SECRET_KEY, defaultModel = 'script:hello' } = {} as {
    kind?: ProviderKind;
    apiKey?: string;
    defaultModel?: string;
  },
): Promise<string> {
  const saved = await t.ok<{ id: string }>('providers.save', {
    provider: { kind, name: `Fake ${kind}`, baseUrl: kind === 'ollama' ? url : `${url}/v1`, defaultModel },
    apiKey,
  });
  return saved.id;
}

export function textOf(message: Message): string {
  return message.parts.map((p) => (p.type === 'text' ? p.text : '')).join('');
}

/** Waits until the message leaves 'streaming' and returns it as stored. */
/** Adds a file to a conversation's draft through `attachments.add`, as the composer does. */
export function attachFile(
  t: Pick<TestCore, 'ok'>,
  conversationId: string,
  name: string,
  data: Buffer | string,
): Promise<Attachment> {
  return t.ok<Attachment>('attachments.add', {
    conversationId,
    name,
    dataBase64: Buffer.from(data).toString('base64'),
  });
}

/** Sends `text` with files already attached to the draft, and waits until the reply settled. */
export async function sendWithAttachments(
  t: Pick<TestCore, 'ok' | 'core'>,
  conversationId: string,
  text: string,
  attachments: readonly Attachment[],
): Promise<SentMessage> {
  const sent = await t.ok<SentMessage>('chat.send', {
    conversationId,
    text,
    attachmentIds: attachments.map((a) => a.id),
  });
  await settled(t.core, sent.reply.message.id);
  return sent;
}

export function settled(core: SpoolCore, messageId: string): Promise<Message> {
  return waitFor(() => {
    const stored = core.messages.findStored(messageId);
    return stored && stored.status !== 'streaming' && !core.engine.isLive(stored.streamId ?? '')
      ? stored
      : undefined;
  }, `message ${messageId} to settle`);
}

/** Fails the file if any promise rejection went unhandled while its tests ran. */
export function trackUnhandledRejections(): void {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => void seen.push(reason);
  beforeAll(() => void process.on('unhandledRejection', listener));
  afterAll(() => {
    process.off('unhandledRejection', listener);
    expect(seen).toEqual([]);
  });
}

export interface ChatFixture {
  fake: FakeProvider;
  t: TestCore;
  conversationId: string;
  /** The test's data dir (removed after it). */
  dataDir: string;
  /** The provider's default model: a name of its own per test when `script` is given. */
  model: string;
}

/**
 * The chat tests' shared set-up: one fake provider per file; per test a fresh core on a
 * temp data dir, one conversation, and (with `script`) a provider whose default model
 * plays that script. After each test: closed, removed, and no internal error recorded.
 * Fields are filled in by the hooks, so read them inside tests (or a later beforeEach);
 * a test that reopens the core assigns the new one to `t` here, so it is the one closed.
 */
export function useChatFixture(options: { script?: string; modelPrefix?: string; provider?: boolean } = {}) {
  trackUnhandledRejections();
  const fixture = {} as ChatFixture;
  let tmp: ReturnType<typeof makeTempDir>;
  let n = 0;
  beforeAll(async () => {
    fixture.fake = await startFakeProvider({ tokensPerSecond: 0 });
  });
  afterAll(() => fixture.fake.close());
  beforeEach(async () => {
    tmp = makeTempDir('spool-chat-');
    fixture.dataDir = tmp.dir;
    fixture.t = openCore(tmp.dir);
    fixture.conversationId = (await fixture.t.ok<Conversation>('conversations.create', {})).id;
    // A model name of its own per test: its script can be changed between attempts.
    fixture.model = options.script ? `${options.modelPrefix ?? 'model'}-${++n}` : 'script:hello';
    if (options.script) fixture.fake.setScript(options.script, fixture.model);
    if (options.provider ?? true) {
      await addProvider(fixture.t, fixture.fake.url, options.script ? { defaultModel: fixture.model } : {});
    }
  });
  afterEach(async () => {
    await fixture.t.core.close();
    tmp.cleanup();
    expect(fixture.t.recorded.internalErrors).toEqual([]);
  });
  return fixture;
}
