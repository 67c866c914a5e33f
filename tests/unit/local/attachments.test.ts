/** Local GGUF models read text only: an image for one is refused before anything is written. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../../shared/api/schemas/attachments';
import { PNG_1X1 } from '../../helpers/attachmentFiles';
import { makeTempDir } from '../../helpers/tempDir';
import { attachFile, openCore, type TestCore } from '../chat/helpers';
import { HAS_MODEL, TEST_MODEL } from './model';
import { libraryDb } from '../../helpers/libraryDb';

describe.skipIf(!HAS_MODEL)('attachments for a local model', () => {
  const tmp = makeTempDir('spool-local-attach-');
  let t: TestCore;

  beforeAll(async () => {
    fs.mkdirSync(path.join(tmp.dir, 'models'));
    fs.copyFileSync(TEST_MODEL, path.join(tmp.dir, 'models', 'stories260K.gguf'));
    t = openCore(tmp.dir);
    await t.core.local.whenReady();
  });
  afterAll(async () => {
    await t?.core.close();
    tmp.cleanup();
  });

  it('refuses an image because local models cannot see, writes no message and keeps the draft', async () => {
    const { id: conversationId } = await t.ok<{ id: string }>('conversations.create', {});
    const png = await attachFile(t, conversationId, 'dot.png', PNG_1X1);
    const result = await t.call('chat.send', { conversationId, text: 'Look', attachmentIds: [png.id] });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', details: { reason: 'model-cannot-see-images' } },
    });
    expect(JSON.stringify(result)).toMatch(/dot.png cannot be sent: local models cannot see images/);
    expect(libraryDb(t.core).prepare('SELECT COUNT(*) FROM messages').pluck().get()).toBe(0);
    const draft = await t.ok<{ attachments: Attachment[] }>('attachments.draft', { conversationId });
    expect(draft.attachments.map((a) => a.id)).toEqual([png.id]);
  });
});
