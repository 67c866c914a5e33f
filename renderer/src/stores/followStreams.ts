import type { Message } from '../../../shared/api/schemas/messages';
import type { StreamStore } from '../stream/streamStore';
import type { MessagesStore } from './messages';

/**
 * Keeps the stream store following exactly the replies on screen that are still
 * streaming: a message seen `streaming` (from messages.list after a reload, an event,
 * or a chat call's reply) is tracked on top of its stored parts, so the replay adds
 * only what the snapshot lacks and the text is whole, with no duplicate; a message
 * that ended or left the screen is let go (its stored parts are final by then).
 * Returns `resubscribeAll` for after a reconnect, when main forgot our subscriptions.
 */
export function followStreams(
  messages: MessagesStore,
  streams: StreamStore,
  onError: (err: unknown) => void,
) {
  function sync(list: readonly Message[]): void {
    const wanted = new Map<string, Message>();
    for (const m of list) if (m.status === 'streaming' && m.streamId) wanted.set(m.id, m);
    const { byMessage } = streams.store.getState();
    for (const [messageId, streamId] of Object.entries(byMessage)) {
      if (!wanted.has(messageId)) streams.untrack(streamId).catch(onError);
    }
    for (const m of wanted.values()) {
      if (byMessage[m.id] === m.streamId) continue;
      // The stored parts are the fold of seq 0..snapshotSeq of this stream (over what an
      // earlier stream of the message, before a Continue, had said).
      streams
        .track(m.streamId!, m.id, m.snapshotSeq, { parts: m.parts, status: 'streaming', error: null })
        .catch(onError);
    }
  }

  const off = messages.subscribe((state, prev) => {
    if (state.messages !== prev.messages) sync(state.messages);
  });

  return {
    resubscribeAll(): void {
      for (const streamId of Object.values(streams.store.getState().byMessage)) {
        streams.untrack(streamId).catch(() => {}); // main already dropped them with the old socket
      }
    },
    dispose: off,
  };
}
