/**
 * Attachments: checked and stored once by content hash before `attachments.add` answers,
 * kept on the conversation's draft until a send takes them (in the send's own
 * transaction), and turned back into what a provider is sent when a prompt is built.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ApiFailure } from '../../../shared/api/result';
import {
  ATTACHMENT_URL_PREFIX,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE,
  type Attachment,
} from '../../../shared/api/schemas/attachments';
import type { FilePart, MessagePart } from '../../../shared/api/schemas/messages';
import type { ProviderKind } from '../../../shared/api/schemas/providers';
import type { Clock } from '../deps';
import type { ReplyMessage } from '../providers/messages';
import { AttachmentStore } from './AttachmentStore';
import { detect } from './detect';
import { pdfText } from './pdfText';

const LIMIT_WORDS = `${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB`;

export function tooLarge(name: string, size: number): ApiFailure {
  const mib = (size / 1024 / 1024).toFixed(1);
  return new ApiFailure(
    'BAD_REQUEST',
    `${name} is too large (${mib} MiB): an attachment may be at most ${LIMIT_WORDS}.`,
    {
      reason: 'too-large',
    },
  );
}

export function attachmentIdOf(part: MessagePart): string | null {
  return part.type === 'file' && part.url.startsWith(ATTACHMENT_URL_PREFIX)
    ? part.url.slice(ATTACHMENT_URL_PREFIX.length)
    : null;
}

/** How a text file reads inside the prompt: its name, then its text, fenced off from the message. */
export function fileAsText(name: string, text: string): string {
  return `\n\n--- Attached file: ${name} ---\n${text}\n--- End of ${name} ---`;
}

export class AttachmentService {
  readonly store: AttachmentStore;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    this.store = new AttachmentStore(db);
  }

  /** Checks, stores and adds to the draft; by the time this resolves the bytes are committed. */
  async add(conversationId: string, name: string, data: Buffer): Promise<Attachment> {
    if (data.length > MAX_ATTACHMENT_BYTES) throw tooLarge(name, data.length);
    const found = detect(name, data);
    const text =
      found.kind === 'pdf' ? await pdfText(name, data) : found.kind === 'file' ? data.toString('utf8') : null;
    const kind = found.kind === 'image' ? 'image' : 'file';
    const id = createHash('sha256').update(data).digest('hex');
    this.db
      .transaction(() => {
        if (this.store.draft(conversationId).length >= MAX_ATTACHMENTS_PER_MESSAGE)
          throw new ApiFailure(
            'BAD_REQUEST',
            `A message may carry at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments.`,
            {
              reason: 'too-many',
            },
          );
        this.store.putBlob({ id, mediaType: found.mediaType, kind, data, text }, this.clock.now());
        this.store.addToDraft(conversationId, id, name, this.clock.now());
      })
      .immediate();
    return { id, name, mediaType: found.mediaType, kind, size: data.length };
  }

  remove(conversationId: string, attachmentId: string): void {
    this.store.removeFromDraft(conversationId, attachmentId);
  }

  draft(conversationId: string): Attachment[] {
    return this.store.draft(conversationId);
  }

  content(id: string): { mediaType: string; dataBase64: string } {
    const a = this.store.get(id);
    return { mediaType: a.mediaType, dataBase64: a.data.toString('base64') };
  }

  /**
   * Before a send: every attachment still in the library, and no image for a model that
   * cannot see (local GGUF models read text only). Names come from the draft.
   */
  checkSendable(conversationId: string, ids: readonly string[], provider: ProviderKind): void {
    if (ids.length > MAX_ATTACHMENTS_PER_MESSAGE)
      throw new ApiFailure(
        'BAD_REQUEST',
        `A message may carry at most ${MAX_ATTACHMENTS_PER_MESSAGE} attachments.`,
        {
          reason: 'too-many',
        },
      );
    const names = new Map(this.store.draft(conversationId).map((a) => [a.id, a.name]));
    for (const id of ids) {
      const a = this.store.get(id, names.get(id));
      if (a.kind === 'image' && provider === 'local')
        throw new ApiFailure(
          'BAD_REQUEST',
          `${names.get(id) ?? 'This image'} cannot be sent: local models cannot see images. Remove it or pick another model.`,
          { reason: 'model-cannot-see-images' },
        );
    }
  }

  /** Inside the send's transaction: the message's file parts, taken off the draft. */
  takeFromDraft(conversationId: string, ids: readonly string[]): FilePart[] {
    const names = new Map(this.store.draft(conversationId).map((a) => [a.id, a.name]));
    return ids.map((id) => {
      const name = names.get(id) ?? id.slice(0, 12);
      const a = this.store.get(id, name);
      this.store.removeFromDraft(conversationId, id);
      return { type: 'file', mediaType: a.mediaType, filename: name, url: ATTACHMENT_URL_PREFIX + id };
    });
  }

  /**
   * A prompt's messages with each attachment as the provider is sent it: an image as a
   * data URL file part (toModelMessages makes it an image part), a file as its text.
   */
  inline(messages: readonly ReplyMessage[]): ReplyMessage[] {
    return messages.map((m) => {
      if (!m.parts.some((p) => attachmentIdOf(p))) return m;
      const parts = m.parts.map((p): MessagePart => {
        const id = attachmentIdOf(p);
        if (!id || p.type !== 'file') return p;
        const a = this.store.find(id);
        // An earlier message's attachment that this library lacks (a message imported from
        // another library's export) is named rather than failing every later reply.
        if (!a) return { type: 'text', text: `\n\n[Attachment ${p.filename ?? id} is not in this library]` };
        if (a.kind === 'image')
          return { ...p, url: `data:${a.mediaType};base64,${a.data.toString('base64')}` };
        return { type: 'text', text: fileAsText(p.filename ?? 'file', a.text ?? '') };
      });
      return { ...m, parts };
    });
  }
}
