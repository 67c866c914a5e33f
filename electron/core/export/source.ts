import type { Database } from 'better-sqlite3';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { MessageExportFormat } from '../../../shared/api/schemas/export';
import type { Message, MessageError, MessageStatus } from '../../../shared/api/schemas/messages';
import { ApiFailure } from '../../../shared/api/result';
import { IMPORT_SOURCE_NAMES, ImportRecords } from '../store/ImportRecords';
import { applyChunk, type MessageSnapshot } from '../../../shared/reduce';
import type { ConversationStore } from '../store/ConversationStore';
import type { MessageStore } from '../store/MessageStore';
import { messageQueries } from '../store/messageQueries';
import { readChunks } from '../stream/chunkRows';
import { streamQueries } from '../stream/streamQueries';
import type { LoggedChunk, StorageFault } from '../stream/types';

/** What exports read: the stores, the database, and this process's in-memory tails. */
export interface ExportDeps {
  db: Database;
  conversations: ConversationStore;
  messages: MessageStore;
  /** The engine: chunks not yet in the log (§3.10), and whether storage is failing. */
  engine: { readTail(streamId: string): LoggedChunk[]; readonly storageFault: StorageFault | null };
  now?: () => number;
  appVersion?: string;
}

/** One stream of a message, as exports describe it (request metadata never holds secrets). */
export interface StreamMeta {
  id: string;
  status: MessageStatus;
  /** The provider's id, and its name when it is still configured. */
  provider: string | null;
  providerName: string | null;
  model: string | null;
  startedAt: number;
  endedAt: number | null;
  lastSeq: number;
  error: MessageError | null;
  request: unknown;
  compactedAt: number | null;
}

/** A chunk as exported: `unsaved` = it exists only in this process's memory. */
export interface ExportChunk extends LoggedChunk {
  unsaved: boolean;
}

const PAGE = 2000;

function parseOrNull(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Reads the library for export one piece at a time: conversations, their messages,
 * a message's streams and its chunks page by page (never a whole log in memory),
 * with the in-memory tail of a stream whose chunks are not saved yet appended.
 */
export class ExportSource {
  private readonly streams: ReturnType<typeof streamQueries>;
  private readonly messageRows: ReturnType<typeof messageQueries>;
  private readonly imports: ImportRecords | null;

  constructor(readonly deps: ExportDeps) {
    this.streams = streamQueries(deps.db);
    this.messageRows = messageQueries(deps.db);
    const hasImports =
      deps.db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'imported_messages'")
        .get() !== undefined;
    this.imports = hasImports ? new ImportRecords(deps.db) : null;
  }

  /**
   * An imported message has no chunk log (issue 20): its chunk-log formats (raw, jsonl)
   * have nothing to show, and saying so beats an empty file. CONFLICT with the reason.
   */
  assertHasChunkLog(message: Message, streams: readonly StreamMeta[], format: MessageExportFormat): void {
    if ((format !== 'raw' && format !== 'jsonl') || streams.length > 0) return;
    const imported = this.imports?.sourceOf(message.id);
    if (!imported) return;
    const when = new Date(imported.importedAt).toISOString().slice(0, 10);
    throw new ApiFailure(
      'CONFLICT',
      `This message was imported from a ${IMPORT_SOURCE_NAMES[imported.source]} on ${when}: it has no ` +
        `chunk log, so there are no ${format === 'raw' ? 'provider events' : 'chunks'} to export. ` +
        'Export it as text or Markdown instead.',
      { imported: imported.source },
    );
  }

  now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Throws ApiFailure NOT_FOUND. */
  message(id: string): Message {
    return this.deps.messages.get(id);
  }

  findMessage(id: string): Message | undefined {
    return this.deps.messages.find(id);
  }

  /** Throws ApiFailure NOT_FOUND. */
  conversation(id: string): Conversation {
    return this.deps.conversations.get(id);
  }

  /** Every conversation, or one folder's. */
  conversations(folderId?: string): Conversation[] {
    return folderId === undefined
      ? this.deps.conversations.list()
      : this.deps.conversations.listInFolder(folderId);
  }

  /** Throws ApiFailure NOT_FOUND. Read on demand: libraries from before folders (migration 016) never ask. */
  folder(id: string): { id: string; name: string } {
    const row = this.deps.db
      .prepare<[string], { id: string; name: string }>('SELECT id, name FROM folders WHERE id = ?')
      .get(id);
    if (!row) throw new ApiFailure('NOT_FOUND', `No folder with id ${id}.`);
    return row;
  }

  /** The messages a folder export holds: every version not deleted, of its conversations not deleted. */
  folderMessageCount(folderId: string): number {
    return this.messageRows.countInFolder(folderId);
  }

  messagesOf(conversationId: string): Message[] {
    return this.deps.messages.list(conversationId);
  }

  messageCount(conversationId?: string): number {
    return conversationId === undefined
      ? this.messageRows.countAll()
      : this.messageRows.countOf(conversationId);
  }

  /** The message's streams in start order: a reply, then each Continue. */
  streamsOf(messageId: string): StreamMeta[] {
    const rows = this.streams.forExport(messageId);
    // A provider no longer configured: the name the message recorded when it answered.
    const recorded = rows.some((r) => r.provider_name === null)
      ? this.messageRows.providerNameOf(messageId)
      : null;
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      provider: r.provider,
      providerName: r.provider_name ?? recorded,
      model: r.model,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      lastSeq: r.last_seq,
      error: parseOrNull(r.error) as MessageError | null,
      request: parseOrNull(r.request),
      compactedAt: r.compacted_at,
    }));
  }

  /** Chunks of the message that exist only in memory (storage failing). */
  unsavedChunkCount(streams: readonly StreamMeta[]): number {
    let n = 0;
    for (const s of streams) n += this.deps.engine.readTail(s.id).length;
    return n;
  }

  /**
   * Why this message's export may be incomplete, or null. Chunks merely waiting for
   * the next commit (healthy storage) are exported too and need no warning.
   */
  incompleteWarning(message: Message, streams: readonly StreamMeta[]): string | null {
    const fault = this.deps.engine.storageFault;
    const inMemory = this.unsavedChunkCount(streams);
    if (!message.unsaved && !(fault && inMemory > 0)) return null;
    const why = fault ? `${fault.code}: ${fault.message}` : (message.error?.message ?? 'storage failing');
    return (
      `This reply is not being saved (${why}). The export includes the ${inMemory} chunk(s) ` +
      `held only in memory, but it may be incomplete.`
    );
  }

  /**
   * Every chunk of every stream of the message, in order: the committed log page by
   * page, then the in-memory tail. The last page and the tail are read in one
   * synchronous step, so a commit landing in between can neither drop nor repeat a chunk.
   */
  *chunksOf(streams: readonly StreamMeta[]): Generator<ExportChunk> {
    for (const stream of streams) {
      let after = -1;
      for (;;) {
        const page = readChunks(this.deps.db, stream.id, after, PAGE);
        const last = page.length < PAGE;
        const tail = last ? this.deps.engine.readTail(stream.id) : [];
        for (const c of page) yield { ...c, unsaved: false };
        if (page.length) after = page[page.length - 1]!.seq;
        if (!last) continue;
        for (const c of tail) if (c.seq > after) yield { ...c, unsaved: true };
        break;
      }
    }
  }

  /** The message's parts folded from its chunks, tail included (when memory is ahead of the row). */
  foldParts(message: Message, streams: readonly StreamMeta[]): Message {
    let snap: MessageSnapshot = { parts: [], status: 'streaming', error: null };
    let current: string | null = null;
    for (const c of this.chunksOf(streams)) {
      if (c.streamId !== current) {
        current = c.streamId;
        snap = { parts: snap.parts, status: 'streaming', error: null };
      }
      snap = applyChunk(snap, c.chunk);
    }
    return { ...message, parts: snap.parts };
  }
}
