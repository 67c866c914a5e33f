/** Local models count their own tokens: the reply's usage comes from llama.cpp's token meter. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedReply } from '../../../shared/api/schemas/chat';
import { makeTempDir } from '../../helpers/tempDir';
import { openCore, settled, type TestCore } from '../chat/helpers';
import { HAS_MODEL, TEST_MODEL } from './model';

describe.skipIf(!HAS_MODEL)('a local model reply’s usage', () => {
  const tmp = makeTempDir('spool-local-usage-');
  let t: TestCore;

  beforeAll(async () => {
    fs.mkdirSync(path.join(tmp.dir, 'models'));
    fs.copyFileSync(TEST_MODEL, path.join(tmp.dir, 'models', 'stories260K.gguf'));
    t = openCore(tmp.dir, undefined, { local: { tuning: { temperature: 0, maxTokens: 12, threads: 1 } } });
    await t.core.local.whenReady();
  });
  afterAll(async () => {
    await t?.core.close();
    tmp.cleanup();
  });

  it('records the tokens the model read and wrote, as the model counted them', async () => {
    const { id: conversationId } = await t.ok<{ id: string }>('conversations.create', {});
    const sent = await t.ok<{ reply: StartedReply }>('chat.send', {
      conversationId,
      text: 'Once upon a time',
    });
    const reply = await settled(t.core, sent.reply.message.id);
    expect(reply.status).toBe('complete');
    expect(reply.usage).toEqual({ inputTokens: expect.any(Number), outputTokens: 12 });
    expect(reply.usage!.inputTokens).toBeGreaterThanOrEqual(4); // "Once upon a time" is 4 tokens
  }, 60_000);
});
