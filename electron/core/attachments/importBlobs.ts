/**
 * Attachments that come back with a Spool JSON export (`attachments` beside a message,
 * base64): stored under their hash when the bytes still hash to it. A PDF's text is
 * parsed (as `attachments.add` does) before the conversation's transaction, which
 * cannot wait on it; a PDF that does not parse is left out, like bytes that no longer
 * hash to their id, and later prompts name it as missing, as any attachment this
 * library lacks is.
 */
import { createHash } from 'node:crypto';
import { ApiFailure } from '../../../shared/api/result';
import type { AttachmentStore } from './AttachmentStore';
import { imageTypeOf } from './detect';
import { pdfText } from './pdfText';

export interface CarriedAttachment {
  id: string;
  mediaType: string;
  dataBase64: string;
}

/** The text of each carried PDF that parsed, by attachment id. */
export type CarriedPdfTexts = ReadonlyMap<string, string>;

/** The bytes when they still hash to the id (not damaged or edited); null otherwise. */
function intact(a: CarriedAttachment): Buffer | null {
  const data = Buffer.from(a.dataBase64, 'base64');
  return createHash('sha256').update(data).digest('hex') === a.id ? data : null;
}

const isPdf = (a: CarriedAttachment, data: Buffer) => a.mediaType === 'application/pdf' && !imageTypeOf(data);

/**
 * Before the transaction: the text of each carried PDF this library does not hold yet.
 * One conversation's attachments at a time, so an import's memory stays bounded.
 */
export async function readCarriedPdfs(
  carried: readonly CarriedAttachment[],
  isStored: (id: string) => boolean,
): Promise<CarriedPdfTexts> {
  const texts = new Map<string, string>();
  for (const a of carried) {
    if (texts.has(a.id) || a.mediaType !== 'application/pdf' || isStored(a.id)) continue;
    const data = intact(a);
    if (!data || !isPdf(a, data)) continue;
    try {
      texts.set(a.id, await pdfText(a.id.slice(0, 12), data));
    } catch (err) {
      // Unreadable or a scan with no text: left out, as `attachments.add` would refuse it.
      if (!(err instanceof ApiFailure)) throw err;
    }
  }
  return texts;
}

/** Inside the import's transaction; returns how many were stored (already there counts). */
export function storeCarried(
  store: AttachmentStore,
  carried: readonly CarriedAttachment[],
  now: number,
  pdfTexts: CarriedPdfTexts,
): number {
  let stored = 0;
  for (const a of carried) {
    const data = intact(a);
    if (!data) continue; // damaged or edited
    const image = imageTypeOf(data);
    if (image) store.putBlob({ id: a.id, mediaType: image, kind: 'image', data, text: null }, now);
    else if (isPdf(a, data)) {
      const text = pdfTexts.get(a.id);
      if (text !== undefined)
        store.putBlob({ id: a.id, mediaType: a.mediaType, kind: 'file', data, text }, now);
      else if (!store.has(a.id)) continue; // did not parse
    } else
      store.putBlob(
        { id: a.id, mediaType: a.mediaType, kind: 'file', data, text: data.toString('utf8') },
        now,
      );
    stored++;
  }
  return stored;
}
