import type { Database, Statement } from 'better-sqlite3';
import { ApiFailure } from '../../../shared/api/result';
import type { DeleteScope, Message } from '../../../shared/api/schemas/messages';
import { buildTree, forkPoint, subtree } from '../../../shared/tree';
import type { Clock } from '../deps';
import { deletedHereSql } from '../sync/purgeRule';
import type { MessageStore } from '../store/MessageStore';
import { DEFAULT_UNDO_WINDOW_MS } from './Library';

export interface VersionDeletionDeps {
  db: Database;
  messages: MessageStore;
  clock: Clock;
  undoWindowMs?: number;
  /** Whether this process is writing the reply (ChatService.isLive). */
  isLive(messageId: string): boolean;
  /** Stops replies streaming here and waits until their ends are committed. */
  stopReplies(messageIds: readonly string[]): Promise<void>;
  onInternalError(err: unknown, where: string): void;
}

export interface DeletedVersions {
  conversationId: string;
  rootId: string;
  deletedIds: string[];
  undoableUntil: number;
}

/**
 * The explicit, separate way to lose a version: delete one (the message and what
 * hangs below it, since those answer it) or a branch (from where it forks off). Soft
 * at first, like conversations: hidden at once from every call, brought back whole by
 * Undo within the window, and purged after it (or at the next launch), its streams
 * and chunk logs by cascade. Regenerate and Edit never come here.
 */
export class VersionDeletion {
  private readonly undoWindowMs: number;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly q: {
    softDelete: Statement<[number, string]>;
    deletedAt: Statement<[string], { deleted_at: number | null; conversation_id: string }>;
    restore: Statement<[{ id: string; at: number }]>;
    purge: Statement<[number]>;
  };
  private closed = false;

  constructor(private readonly deps: VersionDeletionDeps) {
    this.undoWindowMs = deps.undoWindowMs ?? DEFAULT_UNDO_WINDOW_MS;
    const db = deps.db;
    this.q = {
      softDelete: db.prepare('UPDATE messages SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL'),
      deletedAt: db.prepare('SELECT deleted_at, conversation_id FROM messages WHERE id = ?'),
      // What one delete hid: the root and the rows below it hidden at the same moment.
      restore: db.prepare(
        `WITH RECURSIVE down(id) AS (
           SELECT id FROM messages WHERE id = @id
           UNION SELECT m.id FROM messages AS m JOIN down ON m.parent_id = down.id
         )
         UPDATE messages SET deleted_at = NULL WHERE id IN (SELECT id FROM down) AND deleted_at = @at`,
      ),
      // Children go with their parent (ON DELETE CASCADE), streams and chunks with them.
      // Only deletions made here: another device's arrive as its purge (sync/purgeRule.ts).
      purge: db.prepare(
        `DELETE FROM messages WHERE deleted_at IS NOT NULL AND deleted_at < ?
           AND ${deletedHereSql('message', 'messages')}`,
      ),
    };
  }

  async delete(messageId: string, scope: DeleteScope): Promise<DeletedVersions> {
    const { root, hidden } = this.target(messageId, scope);
    const elsewhere = hidden.find((m) => m.status === 'streaming' && !this.deps.isLive(m.id));
    if (elsewhere) {
      throw new ApiFailure(
        'CONFLICT',
        `Reply ${elsewhere.id} is being written by another Spool window or process; stop it first.`,
      );
    }
    await this.deps.stopReplies(hidden.map((m) => m.id).filter((id) => this.deps.isLive(id)));
    const deletedAt = this.deps.clock.now();
    const deletedIds = this.deps.db
      .transaction(() => {
        // Read again: a version may have been added below it while replies stopped.
        const now = this.target(messageId, scope).hidden;
        for (const m of now) this.q.softDelete.run(deletedAt, m.id);
        return now.map((m) => m.id);
      })
      .immediate();
    this.schedulePurge();
    return {
      conversationId: root.conversationId,
      rootId: root.id,
      deletedIds,
      undoableUntil: deletedAt + this.undoWindowMs,
    };
  }

  /** Undo, by the root of a delete: NOT_FOUND once the window has passed. */
  restore(rootId: string): { conversationId: string } {
    const row = this.q.deletedAt.get(rootId);
    const cutoff = this.deps.clock.now() - this.undoWindowMs;
    if (!row || row.deleted_at === null || row.deleted_at < cutoff) {
      throw new ApiFailure('NOT_FOUND', `Message ${rootId} is not deleted, or is gone for good.`);
    }
    this.q.restore.run({ id: rootId, at: row.deleted_at });
    return { conversationId: row.conversation_id };
  }

  /** Purges what no Undo can bring back any more (at launch, and after each window). */
  purgeExpired(): number {
    if (this.closed) return 0;
    return this.q.purge.run(this.deps.clock.now() - this.undoWindowMs).changes;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** What a delete of `scope` from `messageId` hides: its root and everything below. */
  private target(messageId: string, scope: DeleteScope): { root: Message; hidden: Message[] } {
    const message = this.deps.messages.get(messageId); // NOT_FOUND
    const tree = buildTree(this.deps.messages.list(message.conversationId));
    const root = scope === 'version' ? message : forkPoint(tree, messageId);
    if (!root) {
      throw new ApiFailure(
        'CONFLICT',
        'This is the only branch of the conversation: delete the version, or the conversation.',
      );
    }
    return { root, hidden: subtree(tree, root.id) };
  }

  private schedulePurge(): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      try {
        this.purgeExpired();
      } catch (err) {
        this.deps.onInternalError(err, 'messages.purge');
      }
    }, this.undoWindowMs + 20);
    timer.unref?.();
    this.timers.add(timer);
  }
}
