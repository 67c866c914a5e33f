/**
 * Titles with no provider but a local model, through the real inference worker and the
 * real 260K test model (a base model without a chat template; skipped where it is absent).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentMessage } from '../../../electron/core/chat/ChatService';
import { askForTitle, TITLE_INSTRUCTION } from '../../../electron/core/library/askForTitle';
import type { LocalLlm } from '../../../electron/core/local/LocalLlm';
import type { GenerateRequest } from '../../../electron/core/local/protocol';
import { makeTempDir } from '../../helpers/tempDir';
import { openCore, settled, type TestCore } from '../chat/helpers';
import { HAS_MODEL, TEST_MODEL } from '../local/model';
import { waitFor } from '../../helpers/waitFor';

describe.skipIf(!HAS_MODEL)('titles from a local model', () => {
  const tmp = makeTempDir('spool-titles-local-');
  let t: TestCore;

  beforeAll(async () => {
    fs.mkdirSync(path.join(tmp.dir, 'models'));
    // A temp data dir only: the model is never copied into the repository.
    fs.copyFileSync(TEST_MODEL, path.join(tmp.dir, 'models', 'stories260K.gguf'));
    t = openCore(tmp.dir, undefined, {
      library: { askProviderForTitles: true },
      local: { tuning: { temperature: 0, maxTokens: 20, threads: 1 } },
    });
    await t.core.local.whenReady();
  });
  afterAll(async () => {
    await t?.core.close();
    tmp.cleanup();
  });

  /** The real runtime, with every generation request it is given written down. */
  function recordingRuntime() {
    const runtime = t.core.local.runtime();
    const requests: GenerateRequest[] = [];
    const llm = {
      generate: (request, listener) => {
        requests.push(request);
        return runtime.llm.generate(request, listener);
      },
    } as Pick<LocalLlm, 'generate'> as LocalLlm;
    return { runtime: { ...runtime, llm }, requests };
  }

  const ask = (chats: boolean, runtime: ReturnType<typeof recordingRuntime>['runtime']) =>
    askForTitle(
      {
        providers: t.core.providers,
        settings: () => t.core.settings.get(),
        local: { runtime: () => runtime, chats: () => chats },
      },
      {
        question: 'Tell me a story about a cat',
        answer: 'Once upon a time there was a cat.',
        answeredBy: { providerId: null, model: null },
        conversation: { providerId: null, model: null },
        signal: AbortSignal.timeout(60_000),
      },
    );

  // No chat model small enough is at hand: the 260K model stands in for one (`chats: true`).
  it('ask the local model, when it can follow an instruction, with the title instruction and a small cap', async () => {
    const { runtime, requests } = recordingRuntime();
    const title = await ask(true, runtime);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.messages[0]).toEqual({ role: 'system', text: TITLE_INSTRUCTION });
    expect(requests[0]!.maxTokens).toBe(32);
    // What a 260K story model writes is rarely a title; when it is one, it is a short line.
    if (title !== null) expect(title).toMatch(/^[^\n]{1,60}$/);
  });

  it('do not ask a local base model, which would only continue the text', async () => {
    const { runtime, requests } = recordingRuntime();
    expect(await ask(false, runtime)).toBeNull();
    expect(requests).toHaveLength(0);
  });

  it('with only a base model present, the first message names the chat', async () => {
    const { id } = await t.ok<{ id: string }>('conversations.create', {});
    const sent = await t.ok<SentMessage>('chat.send', { conversationId: id, text: 'Once upon a time' });
    expect((await settled(t.core, sent.reply.message.id)).status).toBe('complete');
    expect(
      await waitFor(
        () => t.core.conversations.get(id).title !== 'New chat' && t.core.conversations.get(id).title,
        'a title',
      ),
    ).toBe('Once upon a time');
  });
});
