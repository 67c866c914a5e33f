/**
 * The CONFLICTs of the chat operations: which message may be continued or asked again
 * now. A reply streaming in this process is `isLive`; one whose status says streaming
 * but is not live here is being written by another Spool process.
 */
import { ApiFailure } from '../../../shared/api/result';
import type { Message } from '../../../shared/api/schemas/messages';
import type { MessageStore } from '../store/MessageStore';

type IsLive = (messageId: string) => boolean;

const CONTINUABLE = new Set<Message['status']>(['interrupted', 'cancelled', 'error']);

/** The message, which must be a reply (NOT_FOUND when it is gone). */
export function assistantMessage(messages: MessageStore, messageId: string): Message {
  const message = messages.get(messageId);
  if (message.role !== 'assistant')
    throw new ApiFailure('CONFLICT', `Message ${messageId} is a ${message.role} message, not a reply.`);
  return message;
}

/** A version still being written (here or by another Spool process) cannot be asked again yet. */
export function assertNotStreaming(message: Message, isLive: IsLive): void {
  if (message.status !== 'streaming' && !isLive(message.id)) return;
  throw new ApiFailure(
    'CONFLICT',
    `Reply ${message.id} is still being written${isLive(message.id) ? '' : ' by another Spool window or process'}; stop it first.`,
  );
}

export function assertContinuable(message: Message, isLive: IsLive): void {
  assertNotStreaming(message, isLive);
  if (!CONTINUABLE.has(message.status)) {
    throw new ApiFailure(
      'CONFLICT',
      `Only an interrupted, stopped or failed reply can be continued; this one is ${message.status}.`,
    );
  }
}
