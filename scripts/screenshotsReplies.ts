import type { CoreClient } from '../electron/core/SpoolCore';
import type { ApiEventMessage } from '../shared/api/events';
import type { MessageStatus } from '../shared/api/schemas/messages';

const TIMEOUT_MS = 30_000;

/**
 * Follows replies through a client's events, as a window does: how each message ended
 * (`message.updated`) and the text a stream has committed (`stream.chunks` after
 * `streams.subscribe`; only durable items count). Events that come before anyone waits
 * for them are kept, so no end is missed.
 */
export class ReplyWatcher {
  private readonly status = new Map<string, MessageStatus>();
  private readonly text = new Map<string, string>();
  private readonly waiters = new Set<() => void>();

  onEvent(event: ApiEventMessage): void {
    if (event.name === 'message.updated') {
      this.status.set(event.payload.message.id, event.payload.message.status);
    } else if (event.name === 'stream.chunks') {
      const { items, undurableFrom } = event.payload;
      for (const { streamId, seq, chunk } of items) {
        const firstUndurable = undurableFrom?.[streamId];
        if (firstUndurable !== undefined && seq >= firstUndurable) continue;
        if (chunk.type === 'text-delta')
          this.text.set(streamId, (this.text.get(streamId) ?? '') + chunk.delta);
      }
    } else return;
    for (const check of this.waiters) check();
  }

  /** Resolves when the message has ended with `status`; throws if it ends otherwise. */
  ended(messageId: string, status: MessageStatus): Promise<void> {
    return this.until(`reply ${messageId} to end ${status}`, () => {
      const now = this.status.get(messageId);
      if (now === undefined || now === 'streaming') return false;
      if (now !== status) throw new Error(`reply ${messageId} ended ${now}, not ${status}`);
      return true;
    });
  }

  /** Subscribes to the stream and resolves once its committed text is `text`. */
  async committed(client: CoreClient, streamId: string, text: string): Promise<void> {
    const subscribed = await client.call('streams.subscribe', { streamId, afterSeq: -1 });
    if (!subscribed.ok) throw new Error(`streams.subscribe: ${subscribed.error.message}`);
    await this.until(`stream ${streamId} to commit its text`, () => this.text.get(streamId) === text);
  }

  private until(what: string, done: () => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = (err?: unknown) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (err === undefined) resolve();
        else reject(err instanceof Error ? err : new Error(String(err)));
      };
      const check = () => {
        try {
          if (done()) finish();
        } catch (err) {
          finish(err);
        }
      };
      const timer = setTimeout(() => finish(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
      this.waiters.add(check);
      check();
    });
  }
}
