import type { Database, Statement } from 'better-sqlite3';
import { ApiFailure } from '../../../shared/api/result';
import type { Attachment, AttachmentKind } from '../../../shared/api/schemas/attachments';

export interface StoredAttachment {
  id: string;
  mediaType: string;
  kind: AttachmentKind;
  size: number;
  data: Buffer;
  /** Files: the text that is sent (a PDF's extracted text); null for images. */
  text: string | null;
}

interface DraftRow {
  id: string;
  name: string;
  media_type: string;
  kind: AttachmentKind;
  size: number;
}

/** The SQL of `attachments` (one row per distinct content) and `draft_attachments` (migration 019). */
export class AttachmentStore {
  private readonly insertBlob: Statement<[string, string, string, number, Buffer, string | null, number]>;
  private readonly selectBlob: Statement<
    [string],
    { id: string; media_type: string; kind: AttachmentKind; size: number; data: Buffer; text: string | null }
  >;
  private readonly selectExists: Statement<[string], number>;
  private readonly insertDraft: Statement<[string, string, string, number, string]>;
  private readonly deleteDraft: Statement<[string, string]>;
  private readonly selectDraft: Statement<[string], DraftRow>;

  constructor(db: Database) {
    // Same bytes, same id: a second copy is never written.
    this.insertBlob = db.prepare(
      `INSERT INTO attachments (id, media_type, kind, size, data, text, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING`,
    );
    this.selectBlob = db.prepare(
      'SELECT id, media_type, kind, size, data, text FROM attachments WHERE id = ?',
    );
    this.selectExists = db.prepare<[string], number>('SELECT 1 FROM attachments WHERE id = ?').pluck();
    // INSERT … SELECT: a conversation purged meanwhile drops the row instead of a foreign-key error.
    this.insertDraft = db.prepare(
      `INSERT INTO draft_attachments (conversation_id, attachment_id, name, added_at)
         SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM conversations WHERE id = ?)
       ON CONFLICT(conversation_id, attachment_id) DO UPDATE SET name = excluded.name`,
    );
    this.deleteDraft = db.prepare(
      'DELETE FROM draft_attachments WHERE conversation_id = ? AND attachment_id = ?',
    );
    this.selectDraft = db.prepare(
      `SELECT a.id, d.name, a.media_type, a.kind, a.size
         FROM draft_attachments d JOIN attachments a ON a.id = d.attachment_id
        WHERE d.conversation_id = ? ORDER BY d.added_at, d.rowid`,
    );
  }

  putBlob(a: Omit<StoredAttachment, 'size'>, now: number): void {
    this.insertBlob.run(a.id, a.mediaType, a.kind, a.data.length, a.data, a.text, now);
  }

  /** Without reading the bytes. */
  has(id: string): boolean {
    return this.selectExists.get(id) !== undefined;
  }

  find(id: string): StoredAttachment | null {
    const row = this.selectBlob.get(id);
    return row
      ? {
          id: row.id,
          mediaType: row.media_type,
          kind: row.kind,
          size: row.size,
          data: row.data,
          text: row.text,
        }
      : null;
  }

  /** NOT_FOUND names the attachment, so a window can say which one is gone. */
  get(id: string, name = id): StoredAttachment {
    const found = this.find(id);
    if (!found)
      throw new ApiFailure('NOT_FOUND', `The attachment ${name} is no longer in the library.`, { id });
    return found;
  }

  addToDraft(conversationId: string, attachmentId: string, name: string, now: number): void {
    const { changes } = this.insertDraft.run(conversationId, attachmentId, name, now, conversationId);
    if (changes === 0) throw new ApiFailure('NOT_FOUND', `No conversation with id ${conversationId}.`);
  }

  removeFromDraft(conversationId: string, attachmentId: string): void {
    this.deleteDraft.run(conversationId, attachmentId);
  }

  draft(conversationId: string): Attachment[] {
    return this.selectDraft.all(conversationId).map((r) => ({
      id: r.id,
      name: r.name,
      mediaType: r.media_type,
      kind: r.kind,
      size: r.size,
    }));
  }
}
