/**
 * Attachments in exports: the JSON carries each one's bytes (base64) beside its message,
 * and Markdown gets data URLs, so either file is whole on its own.
 */
import type { Database } from 'better-sqlite3';
import type { Message } from '../../../shared/api/schemas/messages';
import { attachmentIdOf } from './AttachmentService';

export interface ExportedAttachment {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  dataBase64: string;
}

type Row = { media_type: string; size: number; data: Buffer; text: string | null };

function read(db: Database, id: string): Row | undefined {
  return db
    .prepare<[string], Row>('SELECT media_type, size, data, text FROM attachments WHERE id = ?')
    .get(id);
}

export function attachmentsOf(db: Database, message: Message): ExportedAttachment[] {
  const out: ExportedAttachment[] = [];
  for (const part of message.parts) {
    const id = attachmentIdOf(part);
    const row = id && read(db, id);
    if (!id || !row || part.type !== 'file') continue;
    out.push({
      id,
      name: part.filename ?? id,
      mediaType: row.media_type,
      size: row.size,
      dataBase64: row.data.toString('base64'),
    });
  }
  return out;
}

/** Images as their own bytes, files (a PDF too) as the text that was sent. */
export function withDataUrls(db: Database, message: Message): Message {
  if (!message.parts.some((p) => attachmentIdOf(p))) return message;
  const parts = message.parts.map((part) => {
    const id = attachmentIdOf(part);
    const row = id && read(db, id);
    if (!row || part.type !== 'file') return part;
    const url =
      row.text === null
        ? `data:${row.media_type};base64,${row.data.toString('base64')}`
        : `data:text/plain;base64,${Buffer.from(row.text).toString('base64')}`;
    return { ...part, url };
  });
  return { ...message, parts };
}
