import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAttachmentsStore, draftAttachments } from '../../../renderer/src/stores/attachments';
import { PNG_1X1 } from '../../helpers/attachmentFiles';
import { bridgeClient, openCore } from './helpers';

let opened: ReturnType<typeof openCore>;
let store: ReturnType<typeof createAttachmentsStore>;
let conversationId: string;
beforeEach(() => {
  opened = openCore();
  store = createAttachmentsStore(bridgeClient(opened.core));
  conversationId = opened.core.conversations.create().id;
});
afterEach(() => opened.close());

/** A File whose size is given but whose bytes are never produced: reading it would fail the test. */
function hugeFile(): File {
  const file = new File([], 'huge.iso');
  Object.defineProperty(file, 'size', { value: 1024 ** 3 });
  Object.defineProperty(file, 'arrayBuffer', {
    value: () => Promise.reject(new Error('the file was read')),
  });
  return file;
}

describe('attachments store', () => {
  it('adds a file to the draft as main stored it, and loads it back', async () => {
    await store.getState().add(conversationId, [new File([PNG_1X1], 'dot.png', { type: 'image/png' })]);
    const added = draftAttachments(store.getState(), conversationId);
    expect(added).toEqual([
      expect.objectContaining({ name: 'dot.png', kind: 'image', size: PNG_1X1.length }),
    ]);
    const fresh = createAttachmentsStore(bridgeClient(opened.core));
    await fresh.getState().load(conversationId);
    expect(draftAttachments(fresh.getState(), conversationId)).toEqual(added);
  });

  it('refuses a 1 GB file by its size without reading it, and says the limit', async () => {
    await expect(store.getState().add(conversationId, [hugeFile()])).rejects.toThrow(
      /huge.iso is too large \(1024.0 MiB\): an attachment may be at most 10 MiB/,
    );
    expect(draftAttachments(store.getState(), conversationId)).toEqual([]);
    expect(store.getState().adding[conversationId]).toBe(0);
  });

  it('still adds the good files when one of several is refused', async () => {
    const good = new File(['# notes'], 'notes.md');
    await expect(store.getState().add(conversationId, [hugeFile(), good])).rejects.toThrow(/too large/);
    expect(draftAttachments(store.getState(), conversationId).map((a) => a.name)).toEqual(['notes.md']);
  });
});
