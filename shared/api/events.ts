import type { ChunkItem } from '../chunks';
import type { Conversation } from './schemas/conversations';
import type { ExportProgress } from './schemas/export';
import type { Folder } from './schemas/folders';
import type { ImportProgress } from './schemas/import';
import type { LocalDownload } from './schemas/localModels';
import type { Message } from './schemas/messages';
import type { Preset } from './schemas/presets';
import type { SyncState } from './schemas/sync';

/** A message without its parts: what `message.updated` carries. */
export type MessageMeta = Omit<Message, 'parts'>;

/** A live-only stream event; `retry` is announced before each retried request. */
export type LiveEvent =
  | { type: 'retry'; retry: number; maxRetries: number; delayMs: number; code: string; errorText: string }
  | { type: string; [key: string]: unknown };

/**
 * One change to the conversation list: a conversation created or changed (it may have
 * moved in the list order), or removed (deleted, or purged). `reset` = many changed at
 * once (an import): list again.
 */
export type ConversationDelta =
  { type: 'upsert'; conversation: Conversation } | { type: 'remove'; id: string } | { type: 'reset' };

/**
 * Events main pushes to a window. Plain types: main is the only producer, so they
 * are not parsed on arrival.
 */
export interface ApiEvents {
  /**
   * One batch per commit; items of one or more streams, in seq order per stream.
   * `undurableFrom` appears only while storage fails: per stream, the first seq in
   * this event that is delivered live but not in the chunk log yet (it and every
   * later seq of that stream here). Absent: every item is durable.
   */
  'stream.chunks': { items: ChunkItem[]; undurableFrom?: Record<string, number> };
  /**
   * A streaming message's status or metadata changed: it started, ended, failed, or
   * is (no longer) "not being saved". Never its parts: a reply's text travels once,
   * as `stream.chunks`; `message.snapshotSeq` is the last seq this update accounts for.
   */
  'message.updated': { message: MessageMeta };
  /** One conversation upserted or removed: never the whole list, whose size has no bound. */
  'conversations.delta': ConversationDelta;
  /** The folders changed (created, renamed, deleted): all of them, by name; a user makes a handful. */
  'folders.changed': { folders: Folder[] };
  /**
   * The presets changed — saved or deleted here, by another process on the library, or
   * brought in by sync: all of them, by name; a user makes a handful.
   */
  'presets.changed': { presets: Preset[] };
  /**
   * A conversation's tree changed other than by a reply streaming: a version was
   * chosen to be shown, deleted or restored. Windows showing it list its messages again.
   */
  'messages.changed': { conversationId: string };
  /** Live-only news about a stream (never in the chunk log): e.g. a retry before the first chunk. */
  'stream.live': { streamId: string; event: LiveEvent };
  /** A running `export.save`: items written so far (chunks, messages) of `total`. */
  'export.progress': ExportProgress;
  /** A running import (`import.start`): how far it got, at most every 100 ms, and how it ended. */
  'import.progress': ImportProgress;
  /** Sync's state changed (connecting, syncing, synced, offline since …, off). */
  'sync.status': SyncState;
  /** The local models changed (folder rescanned, file added or removed, a download finished): list again. */
  'localModels.changed': Record<string, never>;
  /** Live-only download progress (never in the chunk log), at most every 200 ms per change. */
  'localModels.downloads': { downloads: LocalDownload[] };
}
export type ApiEventName = keyof ApiEvents;
export type ApiEventPayload<E extends ApiEventName> = ApiEvents[E];

/** A message on the event wire: name + payload, discriminated. */
export type ApiEventMessage = { [E in ApiEventName]: { name: E; payload: ApiEvents[E] } }[ApiEventName];
