/**
 * What a user message is made of: its words and its attachments (`file` parts naming
 * the library's copy). Either may be missing, not both: a picture sent with no words
 * is a message of its file parts alone, with no empty text part for any provider to
 * refuse (Anthropic rejects an empty text block).
 */
import { ApiFailure } from '../../../shared/api/result';
import { NOTHING_TO_SEND } from '../../../shared/api/schemas/chat';
import type { FilePart, MessagePart } from '../../../shared/api/schemas/messages';

/** BAD_REQUEST before anything is written when there would be nothing to send. */
export function assertSomethingToSend(text: string, attachmentCount: number): void {
  if (text === '' && attachmentCount === 0)
    throw new ApiFailure('BAD_REQUEST', `Nothing to send: ${NOTHING_TO_SEND}.`, { reason: 'empty-message' });
}

export function userMessageParts(text: string, files: readonly FilePart[]): MessagePart[] {
  assertSomethingToSend(text, files.length);
  return text === '' ? [...files] : [{ type: 'text', text }, ...files];
}

/** A message's attachments, as an edit of it sends them again. */
export function filePartsOf(parts: readonly MessagePart[]): FilePart[] {
  return parts.filter((p): p is FilePart => p.type === 'file');
}
