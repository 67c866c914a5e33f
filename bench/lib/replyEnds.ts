import type { ApiEventMessage } from '../../shared/api/events';
import type { MessageStatus } from '../../shared/api/schemas/messages';

/**
 * Replies' ends as a window learns them: the `message.updated` whose status is no longer
 * 'streaming'. The writer sends it once the stream's end is committed and the message's
 * final snapshot written, so after it `messages.get` reads the reply as stored. Pass
 * `onEvent` to `core.connect` (or call it from the client's handler); an end that comes
 * before anyone waits for it is kept until asked for.
 */
export class ReplyEnds {
  private readonly ended = new Map<string, MessageStatus>();
  private readonly waiting = new Map<string, (status: MessageStatus) => void>();

  readonly onEvent = (event: ApiEventMessage): void => {
    if (event.name !== 'message.updated') return;
    const { id, status } = event.payload.message;
    if (status === 'streaming') return;
    const waiter = this.waiting.get(id);
    if (waiter) {
      this.waiting.delete(id);
      waiter(status);
    } else this.ended.set(id, status);
  };

  /** The reply's final status once it has ended (and forgets it), else undefined. */
  take(messageId: string): MessageStatus | undefined {
    const status = this.ended.get(messageId);
    this.ended.delete(messageId);
    return status;
  }

  /** Resolves with the reply's final status once it has ended; rejects after `timeoutMs`. */
  wait(messageId: string, timeoutMs = 60_000): Promise<MessageStatus> {
    const status = this.take(messageId);
    if (status) return Promise.resolve(status);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(messageId);
        reject(new Error(`reply ${messageId} did not end within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(messageId, (ended) => {
        clearTimeout(timer);
        resolve(ended);
      });
    });
  }
}
