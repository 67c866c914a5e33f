/**
 * Attachments that come back with a Spool JSON export (`attachments` beside a message,
 * base64): stored under their hash when the bytes still hash to it. A PDF's text would
 * need parsing inside the import's transaction, so a PDF is left out and named as
 * missing in later prompts, as any attachment this library lacks is.
 */
import { createHash } from 'node:crypto';
import type { AttachmentStore } from './AttachmentStore';
import { imageTypeOf } from './detect';

export interface CarriedAttachment {
  id: string;
  mediaType: string;
  dataBase64: string;
}

/** Inside the import's transaction; returns how many were stored (already there counts). */
export function storeCarried(
  store: AttachmentStore,
  carried: readonly CarriedAttachment[],
  now: number,
): number {
  let stored = 0;
  for (const a of carried) {
    const data = Buffer.from(a.dataBase64, 'base64');
    if (createHash('sha256').update(data).digest('hex') !== a.id) continue; // damaged or edited
    const image = imageTypeOf(data);
    if (image) store.putBlob({ id: a.id, mediaType: image, kind: 'image', data, text: null }, now);
    else if (a.mediaType === 'application/pdf') continue;
    else
      store.putBlob(
        { id: a.id, mediaType: a.mediaType, kind: 'file', data, text: data.toString('utf8') },
        now,
      );
    stored++;
  }
  return stored;
}
