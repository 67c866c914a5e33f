import type { Database } from 'better-sqlite3';
import type { MessageRole, MessageStatus } from '../../../shared/api/schemas/messages';
import type { TreeMessage } from '../../../shared/tree';
import { plucked, prepared } from '../db/statementCache';
import { streamSql } from '../stream/streamQueries';
import { deletedHereSql } from '../sync/purgeRule';
import type { MessageRow } from './MessageStore';

/**
 * The statements on `messages` that code outside `core/store/` needs (DESIGN.md §2,
 * table owners): version deletion, recovery's rebuilds, the engine linking a stream,
 * search, export counts, the recent replies of a report. `MessageStore` keeps the
 * statements of its own API, `syncedMessages.ts` sync's. Prepared once per database
 * (`db/statementCache.ts`).
 */

/** A message whose snapshot is behind its latest stream's log (recovery rebuilds it). */
export interface LaggingMessage {
  message_id: string;
  stream_id: string;
  last_seq: number;
  stream_status: MessageStatus;
  msg_stream_id: string | null;
  snapshot_seq: number;
  msg_status: MessageStatus;
}

/** A snapshot recovery folded from the log, as written back. */
export interface RebuiltSnapshot {
  parts: string;
  status: MessageStatus;
  /** Keep the error the row has (its own terminal status was kept). */
  keepError: boolean;
  error: string | null;
  snapshotSeq: number;
  streamId: string;
}

/** A search hit as the store reads it; `snippet` is what the caller's snippet expression made. */
export interface SearchRow {
  message_id: string;
  conversation_id: string;
  title: string;
  role: MessageRole;
  created_at: number;
  snippet: string;
}

/** A message changed since a cursor (another process's writes, seen by polling). */
export interface ChangedMessageRow {
  id: string;
  updated_at: number;
  conversation_id: string;
  role: string;
  deleted_at: number | null;
}

/**
 * Pieces of SQL on `messages` for a statement owned elsewhere that must test a message
 * in the same statement (the audit trail drops an event for a message deleted meanwhile).
 */
export const messageSql = {
  exists: (idRef: string) => `EXISTS (SELECT 1 FROM messages WHERE id = ${idRef})`,
};

const SEARCH_SELECT = `
  SELECT m.id AS message_id, m.conversation_id, c.title, m.role, m.created_at,
         %SNIPPET% AS snippet
    FROM message_search
    JOIN messages AS m ON m.rowid = message_search.rowid
    JOIN conversations AS c ON c.id = m.conversation_id
   WHERE c.deleted_at IS NULL AND m.deleted_at IS NULL`;

export function messageQueries(db: Database) {
  return {
    exists(id: string): boolean {
      return prepared<[string]>(db, 'SELECT 1 FROM messages WHERE id = ?').get(id) !== undefined;
    },

    /** A stream starts on the message: it points at it, streams, and folds from scratch. */
    linkStream(id: string, streamId: string, at: number): void {
      prepared<[string, number, string]>(
        db,
        `UPDATE messages SET stream_id = ?, status = 'streaming', error = NULL, snapshot_seq = -1,
           updated_at = ? WHERE id = ?`,
      ).run(streamId, at, id);
    },

    /** Ids of the messages last written at `at`, oldest first (what a recovery run stamped). */
    idsUpdatedAt(at: number | null): string[] {
      return plucked<[number | null], string>(
        db,
        'SELECT id FROM messages WHERE updated_at = ? ORDER BY created_at',
      ).all(at);
    },

    /** Ids of every message of the conversation, deleted versions included. */
    idsOf(conversationId: string): string[] {
      return plucked<[string], string>(db, 'SELECT id FROM messages WHERE conversation_id = ?').all(
        conversationId,
      );
    },

    /** The name of the provider that answered, as the message recorded it. */
    providerNameOf(id: string): string | null {
      return (
        plucked<[string], string | null>(db, 'SELECT provider_name FROM messages WHERE id = ?').get(id) ??
        null
      );
    },

    /**
     * Recovery: messages whose latest stream has ended but whose snapshot did not fold
     * it: another stream, chunks past snapshot_seq, or a status still 'streaming'.
     */
    lagging(): LaggingMessage[] {
      return prepared<[], LaggingMessage>(
        db,
        `SELECT m.id AS message_id, s.id AS stream_id, s.last_seq, s.status AS stream_status,
                m.stream_id AS msg_stream_id, m.snapshot_seq, m.status AS msg_status
         FROM messages m
         ${streamSql.joinLatestStream('s', 'm.id')}
         WHERE s.status != 'streaming'
           AND (m.stream_id IS NOT s.id OR m.snapshot_seq < s.last_seq OR m.status = 'streaming')`,
      ).all();
    },

    /** Recovery writes a snapshot folded from the log. */
    writeRebuilt(id: string, snap: RebuiltSnapshot, at: number): void {
      prepared<[string, MessageStatus, number, string | null, number, string, number, string]>(
        db,
        `UPDATE messages SET parts = ?, status = ?, error = CASE WHEN ? THEN error ELSE ? END,
           snapshot_seq = ?, stream_id = ?, updated_at = ? WHERE id = ?`,
      ).run(
        snap.parts,
        snap.status,
        snap.keepError ? 1 : 0,
        snap.error,
        snap.snapshotSeq,
        snap.streamId,
        at,
        id,
      );
    },

    /**
     * Messages still 'streaming' with no stream that is become 'interrupted', in ONE
     * compare-and-set statement (see recover.ts for why no threshold is needed). Returns rows changed.
     */
    interruptStreamless(at: number): number {
      return prepared<[number]>(
        db,
        `UPDATE messages SET status = 'interrupted', updated_at = ?
         WHERE status = 'streaming'
           AND NOT ${streamSql.hasStreamingStream('messages.id')}`,
      ).run(at).changes;
    },

    /** Soft-deletes one version; a version already deleted keeps its moment. */
    softDelete(id: string, at: number): void {
      prepared<[number, string]>(
        db,
        'UPDATE messages SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL',
      ).run(at, id);
    },

    deletedAt(id: string): { deleted_at: number | null; conversation_id: string } | undefined {
      return prepared<[string], { deleted_at: number | null; conversation_id: string }>(
        db,
        'SELECT deleted_at, conversation_id FROM messages WHERE id = ?',
      ).get(id);
    },

    /** What one delete hid: the root and the rows below it hidden at the same moment. */
    restoreBelow(rootId: string, deletedAt: number): void {
      prepared<[{ id: string; at: number }]>(
        db,
        `WITH RECURSIVE down(id) AS (
           SELECT id FROM messages WHERE id = @id
           UNION SELECT m.id FROM messages AS m JOIN down ON m.parent_id = down.id
         )
         UPDATE messages SET deleted_at = NULL WHERE id IN (SELECT id FROM down) AND deleted_at = @at`,
      ).run({ id: rootId, at: deletedAt });
    },

    /**
     * Children go with their parent (ON DELETE CASCADE), streams and chunks with them.
     * Only deletions made here: another device's arrive as its purge (sync/purgeRule.ts).
     * Returns rows deleted.
     */
    purgeDeletedBefore(cutoff: number): number {
      return prepared<[number]>(
        db,
        `DELETE FROM messages WHERE deleted_at IS NOT NULL AND deleted_at < ?
           AND ${deletedHereSql('message', 'messages')}`,
      ).run(cutoff).changes;
    },

    /** The conversation of this message when it still has its default title (and is not deleted). */
    untitledConversationOf(messageId: string): string | undefined {
      return plucked<[string], string>(
        db,
        `SELECT m.conversation_id FROM messages AS m JOIN conversations AS c ON c.id = m.conversation_id
          WHERE m.id = ? AND c.title_source = 'default' AND c.deleted_at IS NULL`,
      ).get(messageId);
    },

    /** Messages changed at or after `since` (deleted versions included). */
    changedSince(since: number): ChangedMessageRow[] {
      return prepared<[number], ChangedMessageRow>(
        db,
        'SELECT id, updated_at, conversation_id, role, deleted_at FROM messages WHERE updated_at >= ?',
      ).all(since);
    },

    /** Every version not deleted, of conversations not deleted (what the export documents hold). */
    countAll(): number {
      return plucked<[], number>(
        db,
        `SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL`,
      ).get()!;
    },

    countOf(conversationId: string): number {
      return plucked<[string], number>(
        db,
        'SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND deleted_at IS NULL',
      ).get(conversationId)!;
    },

    /** Every version not deleted, of the folder's conversations not deleted. */
    countInFolder(folderId: string): number {
      return plucked<[string], number>(
        db,
        `SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.deleted_at IS NULL AND c.deleted_at IS NULL AND c.folder_id = ?`,
      ).get(folderId)!;
    },

    /** Ids, parents and choices of the conversation's versions not deleted, in creation order. */
    treeOf(conversationId: string): TreeMessage[] {
      return prepared<[string], TreeMessage>(
        db,
        `SELECT id, parent_id AS parentId, selected_at AS selectedAt FROM messages
          WHERE conversation_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid`,
      ).all(conversationId);
    },

    /**
     * Full-text hits (FTS5, migration 003), best first: `match` for the word index, plus
     * a substring filter per literal. `snippet` is FTS5's marked snippet between `marks`.
     */
    searchMatches(
      match: string,
      literals: readonly string[],
      limit: number,
      marks: { open: string; close: string; tokens: number },
    ): SearchRow[] {
      const sql =
        SEARCH_SELECT.replace('%SNIPPET%', `snippet(message_search, 0, ?, ?, '…', ${marks.tokens})`) +
        ` AND message_search MATCH ?${literalFilter(literals)} ORDER BY rank LIMIT ?`;
      return prepared<unknown[], SearchRow>(db, sql).all(marks.open, marks.close, match, ...literals, limit);
    },

    /** Substring hits only (nothing the word index can answer), newest first; `snippet` is the whole body. */
    searchLiterals(literals: readonly string[], limit: number): SearchRow[] {
      const sql =
        SEARCH_SELECT.replace('%SNIPPET%', 'message_search.body') +
        `${literalFilter(literals)} ORDER BY m.created_at DESC LIMIT ?`;
      return prepared<unknown[], SearchRow>(db, sql).all(...literals, limit);
    },

    /**
     * The latest assistant replies that have a chunk log, newest first, in conversations
     * not deleted, with their conversation's title. The ids are found first, so the sort
     * never carries every reply's parts.
     */
    recentReplies(limit: number): (MessageRow & { title: string })[] {
      return prepared<[number], MessageRow & { title: string }>(
        db,
        `SELECT m.*, c.title FROM (
           SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id
            WHERE m.role = 'assistant' AND m.stream_id IS NOT NULL AND c.deleted_at IS NULL
            ORDER BY m.created_at DESC, m.rowid DESC LIMIT ?
         ) r
         JOIN messages m ON m.id = r.id JOIN conversations c ON c.id = m.conversation_id
         ORDER BY m.created_at DESC, m.rowid DESC`,
      ).all(limit);
    },
  };
}

function literalFilter(literals: readonly string[]): string {
  return literals.map(() => ' AND instr(message_search.body, ?) > 0').join('');
}
