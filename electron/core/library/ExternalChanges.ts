/**
 * What other processes did to this library — the CLI, browser mode or the desktop app
 * on the same data folder, or `spool sync` bringing in another device's work — shown
 * in this process's windows as it happens: a reply another process streams reaches
 * the windows subscribed to it, and new or changed conversations and messages are
 * announced as if they had happened here (one conversation delta each); presets and
 * folders are compared whole (`listsMayHaveChanged`), a user keeps a handful.
 *
 * `PRAGMA data_version` changes only when another connection commits, so a quiet
 * library or this process's own writes cost one pragma per tick; when it changed,
 * indexed reads by `updated_at` find what did, never the whole library.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { MessageMeta } from '../../../shared/api/events';
import { messageQueries } from '../store/messageQueries';
import type { MessageStore } from '../store/MessageStore';
import type { StreamEngine } from '../stream/StreamEngine';

export interface ExternalChangesOptions {
  db: Database;
  engine: StreamEngine;
  messages: MessageStore;
  /** One conversation was created or changed (or is gone) in another process. */
  conversationChanged: (id: string) => void;
  /** Conversations went away without a trace to name them by (purged elsewhere): list again. */
  conversationsReset: () => void;
  messagesChanged: (conversationId: string) => void;
  messageUpdated: (message: MessageMeta) => void;
  /** Another connection committed: each ListAnnouncer looks whether its list changed. */
  listsMayHaveChanged: () => void;
  onInternalError: (err: unknown, where: string) => void;
  pollMs?: number;
}

interface Row {
  id: string;
  updated_at: number;
}

export class ExternalChanges {
  private timer: NodeJS.Timeout | null = null;
  private version: number;
  private readonly q: {
    conversations: Statement<[number], Row>;
    conversationCount: Statement<[], number>;
  };
  private conversationsSince: number;
  private messagesSince: number;
  private conversationCount: number;
  /** Rows seen at the cursor's millisecond, so a later commit in the same ms is not missed or repeated. */
  private seenAtCursor = new Map<string, number>();

  constructor(private readonly o: ExternalChangesOptions) {
    this.q = {
      conversations: o.db.prepare('SELECT id, updated_at FROM conversations WHERE updated_at >= ?'),
      conversationCount: o.db.prepare<[], number>('SELECT COUNT(*) FROM conversations').pluck(),
    };
    this.version = this.dataVersion();
    const now = Date.now();
    this.conversationsSince = now;
    this.messagesSince = now;
    this.conversationCount = this.q.conversationCount.get()!;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.check(), this.o.pollMs ?? 100);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One look (the timer's tick; tests call it directly). */
  check(): void {
    try {
      const v = this.dataVersion();
      if (v === this.version) return;
      this.version = v;
      this.o.engine.deliverForeignCommits();
      this.checkConversations();
      this.checkMessages();
      this.o.listsMayHaveChanged();
    } catch (err) {
      this.o.onInternalError(err, 'external changes');
    }
  }

  private dataVersion(): number {
    return this.o.db.pragma('data_version', { simple: true }) as number;
  }

  private checkConversations(): void {
    const rows = this.fresh('c', this.q.conversations.all(this.conversationsSince));
    const count = this.q.conversationCount.get()!;
    for (const r of rows) this.o.conversationChanged(r.id);
    if (count < this.conversationCount) this.o.conversationsReset();
    this.conversationCount = count;
    for (const r of rows) this.conversationsSince = Math.max(this.conversationsSince, r.updated_at);
  }

  private checkMessages(): void {
    const rows = this.fresh('m', messageQueries(this.o.db).changedSince(this.messagesSince));
    const conversations = new Set<string>();
    for (const r of rows) {
      this.messagesSince = Math.max(this.messagesSince, r.updated_at);
      conversations.add(r.conversation_id);
      if (r.role !== 'assistant' || r.deleted_at !== null) continue;
      const message = this.o.messages.find(r.id);
      if (!message) continue;
      const { parts: _parts, ...meta } = message;
      this.o.messageUpdated(meta);
    }
    for (const id of conversations) this.o.messagesChanged(id);
  }

  /** Rows not already announced at their updated_at. */
  private fresh<T extends Row>(prefix: string, rows: T[]): T[] {
    const out: T[] = [];
    for (const r of rows) {
      const key = `${prefix}:${r.id}`;
      if (this.seenAtCursor.get(key) === r.updated_at) continue;
      this.seenAtCursor.set(key, r.updated_at);
      out.push(r);
    }
    if (this.seenAtCursor.size > 10_000) this.prune();
    return out;
  }

  private prune(): void {
    const floor = Math.min(this.conversationsSince, this.messagesSince);
    for (const [k, t] of this.seenAtCursor) if (t < floor) this.seenAtCursor.delete(k);
  }
}
