/**
 * A PDF's text, through unpdf (a build of Mozilla's pdf.js for servers, no native code
 * and no dependencies). A PDF that does not parse, or has no text to send (a scan),
 * is refused with the reason rather than sent as nothing.
 */
import { ApiFailure } from '../../../shared/api/result';

export async function pdfText(name: string, bytes: Uint8Array): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  let text: string;
  try {
    // A copy: pdf.js takes ownership of (detaches) the buffer it is given.
    const doc = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    try {
      text = (await extractText(doc, { mergePages: true })).text;
    } finally {
      await doc.destroy();
    }
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ApiFailure('BAD_REQUEST', `${name} could not be read as a PDF (${why}).`, {
      reason: 'pdf-unreadable',
    });
  }
  if (!text.trim()) {
    throw new ApiFailure(
      'BAD_REQUEST',
      `${name} has no text to send (a scanned PDF holds only pictures of pages).`,
      { reason: 'pdf-unreadable' },
    );
  }
  return text;
}
