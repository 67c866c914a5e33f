import { createStore } from 'zustand/vanilla';
import type { MessageMeta } from '../../../shared/api/events';
import type { Message, MessagePart } from '../../../shared/api/schemas/messages';
import type { ApiClient } from '../api/client';

export interface MessagesState {
  /** Whose messages these are; null when no conversation is selected. */
  conversationId: string | null;
  messages: Message[];
  loading: boolean;
  /**
   * messageId → the seq an update said the message's stream reached, for a message
   * whose parts (folded up to its `snapshotSeq`) lag behind it. Its stream is followed
   * until `fillParts` catches up (see followStreams.ts).
   */
  partsBehind: Readonly<Record<string, number>>;
  /** Shows the messages of one conversation (or none), fetching them from main. */
  show(conversationId: string | null): Promise<void>;
  /** Fetches the shown conversation's messages again (after a reconnect). */
  reload(): Promise<void>;
  /** Applies a message a call returned (chat.send…), without waiting for its event. */
  upsert(message: Message): void;
  /** Applies a `message.updated`: status and metadata over the known message, its parts kept. */
  applyMeta(meta: MessageMeta): void;
  /** Parts a message's stream folded up to `seq` (what the window followed live). */
  fillParts(messageId: string, streamId: string, parts: MessagePart[], seq: number): void;
  /**
   * Applies a whole list a call returned (messages.select, messages.restore): every
   * version of the shown conversation, which versions are shown among them.
   */
  applyList(conversationId: string, listed: readonly Message[]): void;
  /** Hides messages a delete took (at once, before `messages.changed` lists them again). */
  drop(messageIds: readonly string[]): void;
}

/**
 * Main lists messages in creation order (ties broken by insertion), so a known
 * message is replaced in place and a new one goes after every message not newer.
 * A user message and the reply started with it share a millisecond, and the reply's
 * event may arrive first: on a tie, a user message goes before the reply.
 */
export function upsertMessage(messages: readonly Message[], message: Message): Message[] {
  const at = messages.findIndex((m) => m.id === message.id);
  if (at >= 0) return messages.map((m, i) => (i === at ? message : m));
  let insertAt = messages.length;
  const goesBefore = (m: Message) =>
    m.createdAt > message.createdAt ||
    (m.createdAt === message.createdAt && message.role === 'user' && m.role === 'assistant');
  while (insertAt > 0 && goesBefore(messages[insertAt - 1]!)) insertAt--;
  return [...messages.slice(0, insertAt), message, ...messages.slice(insertAt)];
}

/**
 * A metadata update over what the window knows. The parts stay with the seq they are
 * folded to: a message never seen has none (seq -1, so following its stream replays
 * it whole), and a new stream of a known message (Continue) folds onto its parts.
 */
export function mergeMeta(known: Message | undefined, meta: MessageMeta): Message {
  if (!known) return { ...meta, parts: [], snapshotSeq: -1 };
  const sameStream = known.streamId === meta.streamId;
  return { ...known, ...meta, parts: known.parts, snapshotSeq: sameStream ? known.snapshotSeq : -1 };
}

/**
 * A listed message over the one the window knows: the known object is kept when
 * nothing changed (so its view does not render again), its newer status when an
 * update overtook the list, and its parts when they are folded further on the same
 * stream. Which version is shown (`selectedAt`) always comes from the list.
 */
export function keepNewer(known: Message | undefined, listed: Message): Message {
  if (!known) return listed;
  if (
    known.updatedAt === listed.updatedAt &&
    known.selectedAt === listed.selectedAt &&
    known.streamId === listed.streamId &&
    known.snapshotSeq >= listed.snapshotSeq &&
    known.status === listed.status
  )
    return known;
  if (known.updatedAt > listed.updatedAt) return { ...known, selectedAt: listed.selectedAt };
  if (known.streamId === listed.streamId && known.snapshotSeq > listed.snapshotSeq)
    return { ...listed, parts: known.parts, snapshotSeq: known.snapshotSeq };
  return listed;
}

/** Entries of `partsBehind` for messages still in `messages`. */
function behindAmong(
  partsBehind: Readonly<Record<string, number>>,
  messages: readonly Message[],
): Readonly<Record<string, number>> {
  const ids = new Set(messages.map((m) => m.id));
  return Object.fromEntries(Object.entries(partsBehind).filter(([id]) => ids.has(id)));
}

/** The seq a message's parts still have to reach, or undefined when they are whole. */
function behindOf(message: Message, reached: number | undefined): number | undefined {
  return message.streamId !== null && reached !== undefined && reached > message.snapshotSeq
    ? reached
    : undefined;
}

function withBehind(
  partsBehind: Readonly<Record<string, number>>,
  messageId: string,
  seq: number | undefined,
): Readonly<Record<string, number>> {
  if (partsBehind[messageId] === seq) return partsBehind;
  const { [messageId]: _gone, ...rest } = partsBehind;
  return seq === undefined ? rest : { ...rest, [messageId]: seq };
}

/**
 * Messages of the selected conversation, every version of each (a tree, see
 * shared/tree.ts; the view shows `shownPath` of them): a snapshot from
 * `messages.list`, kept current by `message.updated` events (status and metadata
 * only) and listed again on `messages.changed`. A reply's text
 * comes from its stream: followStreams follows every reply still streaming, and
 * hands an ended one its stream's fold through `fillParts`.
 */
export function createMessagesStore(client: ApiClient, report: (err: unknown, context: string) => void) {
  /** Each fetch gets a number; only the latest one may land. */
  let fetchNo = 0;
  /** Messages a call returned while a fetch was out: the fetched list may predate them. */
  const landedDuringFetch = new Map<string, Message>();
  /** Updates that arrived while a fetch was out, applied over the fetched list if newer. */
  const metaDuringFetch = new Map<string, MessageMeta>();

  const store = createStore<MessagesState>()((set, get) => ({
    conversationId: null,
    messages: [],
    loading: false,
    partsBehind: {},
    async show(conversationId) {
      const mine = ++fetchNo;
      const switching = conversationId !== get().conversationId;
      set({
        conversationId,
        loading: conversationId !== null,
        ...(switching ? { messages: [], partsBehind: {} } : {}),
      });
      landedDuringFetch.clear();
      metaDuringFetch.clear();
      if (conversationId === null) return;
      try {
        let messages = await client.call('messages.list', { conversationId });
        if (mine !== fetchNo) return;
        if (!switching) {
          // Listed again (reconnect, messages.changed): views of unchanged messages stay as they are.
          const known = new Map(get().messages.map((m) => [m.id, m]));
          messages = messages.map((m) => keepNewer(known.get(m.id), m));
        }
        let partsBehind: Readonly<Record<string, number>> = {};
        for (const m of landedDuringFetch.values()) {
          const fetched = messages.find((f) => f.id === m.id);
          if (!fetched || fetched.updatedAt < m.updatedAt) messages = upsertMessage(messages, m);
        }
        for (const meta of metaDuringFetch.values()) {
          const fetched = messages.find((f) => f.id === meta.id);
          if (fetched && fetched.updatedAt >= meta.updatedAt) continue;
          const merged = mergeMeta(fetched, meta);
          messages = upsertMessage(messages, merged);
          partsBehind = withBehind(partsBehind, meta.id, behindOf(merged, meta.snapshotSeq));
        }
        landedDuringFetch.clear();
        metaDuringFetch.clear();
        set({ messages, partsBehind, loading: false });
      } catch (err) {
        if (mine !== fetchNo) return;
        set({ loading: false });
        // A conversation deleted elsewhere while we were asking is not worth a toast.
        if ((err as { code?: string }).code !== 'NOT_FOUND') report(err, 'Could not load messages');
      }
    },
    reload() {
      return get().show(get().conversationId);
    },
    upsert(message) {
      if (message.conversationId !== get().conversationId) return;
      if (get().loading) landedDuringFetch.set(message.id, message);
      set((s) => {
        const known = s.messages.find((m) => m.id === message.id);
        // An update that overtook the call's reply is newer: keep it.
        if (known && known.updatedAt > message.updatedAt) return s;
        return {
          messages: upsertMessage(s.messages, message),
          partsBehind: withBehind(s.partsBehind, message.id, behindOf(message, s.partsBehind[message.id])),
        };
      });
    },
    applyMeta(meta) {
      if (meta.conversationId !== get().conversationId) return;
      if (get().loading) metaDuringFetch.set(meta.id, meta);
      set((s) => {
        const merged = mergeMeta(
          s.messages.find((m) => m.id === meta.id),
          meta,
        );
        // Only an ended message waits for its parts: a streaming one is shown from its stream.
        const behind = meta.status === 'streaming' ? undefined : behindOf(merged, meta.snapshotSeq);
        return {
          messages: upsertMessage(s.messages, merged),
          partsBehind: withBehind(s.partsBehind, meta.id, behind),
        };
      });
    },
    fillParts(messageId, streamId, parts, seq) {
      set((s) => {
        const known = s.messages.find((m) => m.id === messageId);
        if (!known || known.streamId !== streamId || seq <= known.snapshotSeq) return s;
        const filled = { ...known, parts, snapshotSeq: seq };
        return {
          messages: upsertMessage(s.messages, filled),
          partsBehind: withBehind(s.partsBehind, messageId, behindOf(filled, s.partsBehind[messageId])),
        };
      });
    },
    applyList(conversationId, listed) {
      if (conversationId !== get().conversationId) return;
      set((s) => {
        const known = new Map(s.messages.map((m) => [m.id, m]));
        const messages = listed.map((m) => keepNewer(known.get(m.id), m));
        return { messages, partsBehind: behindAmong(s.partsBehind, messages) };
      });
    },
    drop(messageIds) {
      const gone = new Set(messageIds);
      set((s) => {
        if (!s.messages.some((m) => gone.has(m.id))) return s;
        const messages = s.messages.filter((m) => !gone.has(m.id));
        return { messages, partsBehind: behindAmong(s.partsBehind, messages) };
      });
    },
  }));

  client.on('message.updated', ({ message }) => store.getState().applyMeta(message));
  // Another window chose, deleted or restored a version: the tree is listed again.
  client.on('messages.changed', ({ conversationId }) => {
    if (conversationId === store.getState().conversationId) void store.getState().reload();
  });

  return store;
}
export type MessagesStore = ReturnType<typeof createMessagesStore>;
