import type { Message } from '../../../shared/api/schemas/messages';
import type { StreamStore } from '../stream/streamStore';
import type { MessagesState, MessagesStore } from './messages';

/**
 * Keeps the stream store following exactly the replies on screen whose text still
 * comes from their stream: a message seen `streaming` (from messages.list after a
 * reload, an event, or a chat call's reply) is tracked on top of its stored parts, so
 * the replay adds only what the snapshot lacks and the text is whole, with no
 * duplicate. `message.updated` carries no parts, so a reply that ended is handed its
 * stream's fold (`fillParts`) and let go only once that fold reached the seq the
 * update named: the end may arrive before or after the last chunks, and a reply this
 * window never followed is replayed from its log. A message that left the screen is
 * let go. Returns `resubscribeAll` for after a reconnect, when main forgot our
 * subscriptions.
 */
export function followStreams(
  messages: MessagesStore,
  streams: StreamStore,
  onError: (err: unknown) => void,
) {
  function wantedOf(state: MessagesState): Map<string, Message> {
    const wanted = new Map<string, Message>();
    for (const m of state.messages) {
      if (m.streamId && (m.status === 'streaming' || state.partsBehind[m.id] !== undefined))
        wanted.set(m.id, m);
    }
    return wanted;
  }

  let syncing = false;
  let again = false;
  /** Settling a reply changes the messages, which asks for another sync: run it after this one. */
  function sync(): void {
    if (syncing) {
      again = true;
      return;
    }
    syncing = true;
    try {
      do {
        again = false;
        syncOnce(messages.getState());
      } while (again);
    } finally {
      syncing = false;
    }
  }

  function syncOnce(state: MessagesState): void {
    const wanted = wantedOf(state);
    const { byMessage } = streams.store.getState();
    for (const [messageId, streamId] of Object.entries(byMessage)) {
      if (wanted.get(messageId)?.streamId !== streamId) streams.untrack(streamId).catch(onError);
    }
    for (const m of wanted.values()) {
      if (byMessage[m.id] === m.streamId) continue;
      // The stored parts are the fold of seq 0..snapshotSeq of this stream (over what an
      // earlier stream of the message, before a Continue, had said).
      streams
        .track(m.streamId!, m.id, m.snapshotSeq, { parts: m.parts, status: 'streaming', error: null })
        .catch(onError);
    }
    settle();
  }

  /** Hands each ended reply whose parts lag behind what its stream has folded so far. */
  function settle(): void {
    const state = messages.getState();
    const { streams: tracked } = streams.store.getState();
    for (const messageId of Object.keys(state.partsBehind)) {
      const m = state.messages.find((x) => x.id === messageId);
      const stream = m?.streamId ? tracked[m.streamId] : undefined;
      if (!m || !stream || stream.messageId !== messageId || stream.lastSeq <= m.snapshotSeq) continue;
      messages.getState().fillParts(messageId, stream.streamId, stream.snapshot.parts, stream.lastSeq);
    }
  }

  const offMessages = messages.subscribe((state, prev) => {
    if (state.messages !== prev.messages || state.partsBehind !== prev.partsBehind) sync();
  });
  const offStreams = streams.store.subscribe((state, prev) => {
    if (state.streams !== prev.streams && Object.keys(messages.getState().partsBehind).length) settle();
  });

  return {
    resubscribeAll(): void {
      for (const streamId of Object.values(streams.store.getState().byMessage)) {
        streams.untrack(streamId).catch(() => {}); // main already dropped them with the old socket
      }
    },
    dispose(): void {
      offMessages();
      offStreams();
    },
  };
}
