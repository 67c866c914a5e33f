import type { Database, Statement } from 'better-sqlite3';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import { ApiFailure } from '../../../shared/api/result';
import type { Clock } from '../deps';
import { deletedHereSql } from '../sync/purgeRule';
import type { ConversationStore } from '../store/ConversationStore';

/** How long a deleted conversation can be brought back: a little more than the toast shows Undo (8 s). */
export const DEFAULT_UNDO_WINDOW_MS = 10_000;

export interface LibraryDeps {
  db: Database;
  conversations: ConversationStore;
  clock: Clock;
  undoWindowMs?: number;
  /** Stops the conversation's live replies (ChatService.stopConversation). */
  stopReplies(conversationId: string): Promise<void>;
  onInternalError(err: unknown, where: string): void;
}

/**
 * Pin, and delete with undo. A delete is soft: the conversation is hidden at once
 * (list, search, every call) with its replies stopped, and purged — rows, streams and
 * chunk logs, by cascade — when the undo window has passed, or at the next launch if
 * the app quit first. Undo within the window brings it back exactly as it was.
 */
export class Library {
  private readonly undoWindowMs: number;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly q: {
    pin: Statement<[number | null, string]>;
    softDelete: Statement<[number, string]>;
    restore: Statement<[string, number]>;
    expired: Statement<[number], string>;
    purge: Statement<[string]>;
    isDeleted: Statement<[string], number>;
  };
  private closed = false;

  constructor(private readonly deps: LibraryDeps) {
    this.undoWindowMs = deps.undoWindowMs ?? DEFAULT_UNDO_WINDOW_MS;
    const db = deps.db;
    this.q = {
      pin: db.prepare('UPDATE conversations SET pinned_at = ? WHERE id = ? AND deleted_at IS NULL'),
      softDelete: db.prepare('UPDATE conversations SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL'),
      restore: db.prepare(
        'UPDATE conversations SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL AND deleted_at >= ?',
      ),
      expired: db
        .prepare<[number], string>(
          `SELECT id FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at < ?
             AND ${deletedHereSql('conversation', 'conversations')}`,
        )
        .pluck(),
      purge: db.prepare('DELETE FROM conversations WHERE id = ? AND deleted_at IS NOT NULL'),
      isDeleted: db
        .prepare<[string], number>('SELECT 1 FROM conversations WHERE id = ? AND deleted_at IS NOT NULL')
        .pluck(),
    };
  }

  pin(id: string, pinned: boolean): Conversation {
    const current = this.deps.conversations.get(id); // NOT_FOUND
    // Pinning again keeps its place; unpinning clears it.
    const at = pinned ? (current.pinnedAt ?? this.deps.clock.now()) : null;
    this.q.pin.run(at, id);
    return this.deps.conversations.get(id);
  }

  /** Hides the conversation and stops its replies; returns when Undo stops being possible. */
  async delete(id: string): Promise<{ id: string; undoableUntil: number }> {
    this.deps.conversations.get(id); // NOT_FOUND before stopping anything
    await this.deps.stopReplies(id);
    const deletedAt = this.deps.clock.now();
    if (this.q.softDelete.run(deletedAt, id).changes === 0) throw notFound(id);
    this.schedulePurge(id);
    return { id, undoableUntil: deletedAt + this.undoWindowMs };
  }

  restore(id: string): Conversation {
    const { changes } = this.q.restore.run(id, this.deps.clock.now() - this.undoWindowMs);
    if (changes === 0) {
      throw new ApiFailure('NOT_FOUND', `Conversation ${id} is not deleted, or is gone for good.`);
    }
    this.cancelPurge(id);
    return this.deps.conversations.get(id);
  }

  /** Purges every conversation whose undo window has passed (at launch, and on each timer). */
  async purgeExpired(): Promise<number> {
    let purged = 0;
    for (const id of this.q.expired.all(this.deps.clock.now() - this.undoWindowMs)) {
      if (await this.purge(id)) purged++;
    }
    return purged;
  }

  /** At launch, before any reply runs here: purges what a previous run left awaiting its purge. */
  purgeExpiredAtLaunch(): number {
    let purged = 0;
    for (const id of this.q.expired.all(this.deps.clock.now() - this.undoWindowMs)) {
      purged += this.q.purge.run(id).changes;
    }
    return purged;
  }

  /** At quit: pending purges happen at the next launch instead. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async purge(id: string): Promise<boolean> {
    this.cancelPurge(id);
    // A reply started in the window (another window, the CLI) must not lose its rows under it.
    await this.deps.stopReplies(id);
    if (this.closed) return false;
    return this.q.purge.run(id).changes > 0;
  }

  private schedulePurge(id: string): void {
    this.cancelPurge(id);
    const timer = setTimeout(() => {
      this.timers.delete(id);
      this.purgeExpired()
        .then(() => {
          // Timers and the clock may disagree by a few ms: try again rather than keep it forever.
          if (!this.closed && this.q.isDeleted.get(id) !== undefined) this.schedulePurge(id);
        })
        .catch((err: unknown) => this.deps.onInternalError(err, 'library.purge'));
    }, this.undoWindowMs + 20);
    timer.unref?.();
    this.timers.set(id, timer);
  }

  private cancelPurge(id: string): void {
    const timer = this.timers.get(id);
    if (timer) clearTimeout(timer);
    this.timers.delete(id);
  }
}

function notFound(id: string): ApiFailure {
  return new ApiFailure('NOT_FOUND', `No conversation with id ${id}.`);
}
