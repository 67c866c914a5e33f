import { ApiFailure } from '../../../shared/api/result';
import type { StartedReply } from '../../../shared/api/schemas/chat';
import type { Message } from '../../../shared/api/schemas/messages';
import type { MessageStore } from '../store/MessageStore';

/** What a Send answers: the user's message and the reply it started. */
export interface SentMessage {
  userMessage: Message;
  reply: StartedReply;
}

/**
 * The first send with this client request id (what a retried send answers): its user
 * message and the first reply to it. Undefined when there was none.
 */
export function findFirstSend(messages: MessageStore, clientRequestId: string): SentMessage | undefined {
  const userMessage = messages.findByRequest(clientRequestId);
  if (!userMessage) return undefined;
  const list = messages.list(userMessage.conversationId);
  const reply = list.find((m) => m.parentId === userMessage.id && m.role === 'assistant');
  if (!reply || !reply.streamId) {
    throw new ApiFailure(
      'CONFLICT',
      `Request ${clientRequestId} was already sent and its reply has since been deleted.`,
    );
  }
  return { userMessage, reply: { message: reply, streamId: reply.streamId } };
}
