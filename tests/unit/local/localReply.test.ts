/**
 * A local model's reply through the whole engine: SpoolCore + ChatService + the
 * chunk log + the inference worker, with the real 260K test model at temperature 0.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StartedReply } from '../../../shared/api/schemas/chat';
import type { LocalModelList } from '../../../shared/api/schemas/localModels';
import type { ProviderInfo } from '../../../shared/api/schemas/providers';
import { makeTempDir } from '../../helpers/tempDir';
import { openCore, settled, textOf, type TestCore } from '../chat/helpers';
import { HAS_MODEL, ONCE_UPON_A_TIME, TEST_MODEL } from './model';
import { waitFor } from '../../helpers/waitFor';
import { libraryDb } from '../../helpers/libraryDb';

describe.skipIf(!HAS_MODEL)('a local model reply', () => {
  const tmp = makeTempDir('spool-local-');
  let t: TestCore;

  beforeAll(async () => {
    fs.mkdirSync(path.join(tmp.dir, 'models'));
    // A temp data dir only: the model is never copied into the repository.
    fs.copyFileSync(TEST_MODEL, path.join(tmp.dir, 'models', 'stories260K.gguf'));
    fs.writeFileSync(path.join(tmp.dir, 'models', 'notes.gguf'), 'not a model');
    t = openCore(tmp.dir, undefined, { local: { tuning: { temperature: 0, maxTokens: 60, threads: 1 } } });
    await t.core.local.whenReady();
  });
  afterAll(async () => {
    await t?.core.close();
    tmp.cleanup();
  });

  async function send(text: string): Promise<StartedReply> {
    const conversation = await t.ok<{ id: string }>('conversations.create', {});
    const sent = await t.ok<{ reply: StartedReply }>('chat.send', { conversationId: conversation.id, text });
    return sent.reply;
  }

  function loggedText(messageId: string): string {
    const rows = libraryDb(t.core)
      .prepare(
        `SELECT c.payload FROM chunks c JOIN streams s ON s.id = c.stream_id
         WHERE s.message_id = ? AND c.type = 'text-delta' ORDER BY s.started_at, s.rowid, c.seq, c.part`,
      )
      .all(messageId) as { payload: string }[];
    return rows.map((r) => (JSON.parse(r.payload) as { delta: string }).delta).join('');
  }

  it('with nothing else set up, the model in the models folder is listed as the "Local models" provider', async () => {
    const { providers } = await t.ok<{ providers: ProviderInfo[] }>('providers.list', {});
    expect(providers).toEqual([
      expect.objectContaining({ id: 'local', kind: 'local', models: ['stories260K.gguf'] }),
    ]);
  });

  it('a file in the models folder that is not GGUF is listed as a problem, not as a model', async () => {
    const list = await t.ok<LocalModelList>('localModels.list', {});
    expect(list.models.map((m) => m.id)).toEqual(['stories260K.gguf']);
    expect(list.problems).toEqual([expect.objectContaining({ code: 'not_gguf' })]);
  });

  it('a send with no provider chosen streams the local model reply through the chunk log, deterministically at temperature 0', async () => {
    const reply = await send('Once upon a time');
    const done = await settled(t.core, reply.message.id);
    expect(done.status).toBe('complete');
    expect(textOf(done).startsWith(ONCE_UPON_A_TIME)).toBe(true);
    const stream = libraryDb(t.core)
      .prepare('SELECT provider, model FROM streams WHERE message_id = ?')
      .get(done.id);
    expect(stream).toEqual({ provider: 'local', model: 'stories260K.gguf' });
    expect(loggedText(done.id)).toBe(textOf(done));
    const raw = libraryDb(t.core)
      .prepare(`SELECT count(*) AS n FROM chunks WHERE stream_id = ? AND type = 'raw'`)
      .get(reply.streamId) as { n: number };
    expect(raw.n).toBeGreaterThan(0);
  });

  it('the text export is byte for byte the concatenation of the logged text deltas', async () => {
    const reply = await send('Once upon a time');
    await settled(t.core, reply.message.id);
    const out = path.join(tmp.dir, 'reply.txt');
    await t.core.exporter.saveTo({ kind: 'message', messageId: reply.message.id, format: 'text' }, out);
    expect(fs.readFileSync(out)).toEqual(Buffer.from(loggedText(reply.message.id), 'utf8'));
  });

  it('Stop ends the reply as cancelled at once, keeping what was streamed, and Continue carries it on', async () => {
    t.core.local.tuning.tokensPerSecond = 40;
    t.core.local.tuning.maxTokens = 400;
    try {
      const reply = await send('Once upon a time');
      await waitFor(() => textOf(t.core.messages.get(reply.message.id)).length > 20, 'some text to stream');
      const stopped = await t.ok<{ stopped: boolean }>('chat.stop', { messageId: reply.message.id });
      expect(stopped.stopped).toBe(true);
      const cancelled = await settled(t.core, reply.message.id);
      expect(cancelled.status).toBe('cancelled');
      const partial = textOf(cancelled);
      expect(partial.length).toBeGreaterThan(20);
      expect(loggedText(reply.message.id)).toBe(partial);

      t.core.local.tuning.tokensPerSecond = 0;
      t.core.local.tuning.maxTokens = 30;
      await t.ok('chat.continue', { messageId: reply.message.id });
      const continued = await settled(t.core, reply.message.id);
      expect(continued.status).toBe('complete');
      expect(textOf(continued).startsWith(partial)).toBe(true);
      expect(textOf(continued).length).toBeGreaterThan(partial.length);
      expect(loggedText(reply.message.id)).toBe(textOf(continued));
    } finally {
      t.core.local.tuning.tokensPerSecond = 0;
      t.core.local.tuning.maxTokens = 60;
    }
  });

  it('adding a GGUF file by path lists it with its metadata; removing it forgets it and keeps the file', async () => {
    const added = await t.ok<{ id: string; source: string; architecture: string }>('localModels.add', {
      path: TEST_MODEL,
    });
    expect(added).toMatchObject({ id: TEST_MODEL, source: 'added', architecture: 'llama' });
    await t.ok('localModels.remove', { id: TEST_MODEL });
    const list = await t.ok<LocalModelList>('localModels.list', {});
    expect(list.models.map((m) => m.id)).toEqual(['stories260K.gguf']);
    expect(fs.existsSync(TEST_MODEL)).toBe(true);
  });

  it('adding a file that is not GGUF is a BAD_REQUEST that says so', async () => {
    const result = await t.call('localModels.add', { path: path.join(tmp.dir, 'models', 'notes.gguf') });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringMatching(/not a GGUF/) },
    });
  });
});
