import { z } from 'zod';
import { Id } from './common';

/** The most one attachment may weigh, checked in the window before reading and again in main. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;

/** A file's SHA-256 in hex: an attachment's id, the same for the same bytes everywhere. */
export const AttachmentId = z.string().regex(/^[0-9a-f]{64}$/, 'not an attachment id');

export const AttachmentKind = z.enum(['image', 'file']);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

export const Attachment = z.object({
  id: AttachmentId,
  name: z.string(),
  mediaType: z.string(),
  kind: AttachmentKind,
  size: z.number().int().nonnegative(),
});
export type Attachment = z.infer<typeof Attachment>;

/**
 * Why an attachment was refused, in `details.reason` of the BAD_REQUEST (a vanished one
 * is a NOT_FOUND): the window says it in words and keeps the draft.
 */
export const AttachmentRefusal = z.enum([
  'too-large',
  'unsupported-type',
  'not-the-image-it-claims',
  'pdf-unreadable',
  'model-cannot-see-images',
  'too-many',
]);
export type AttachmentRefusal = z.infer<typeof AttachmentRefusal>;

/** A message part's URL for an attachment of the library (see MessagePart 'file'). */
export const ATTACHMENT_URL_PREFIX = 'attachment:';

const FileName = z.string().trim().min(1).max(255);
// Base64 of the largest file, and a little more, so the size check below can say the limit.
const Base64 = z
  .string()
  .max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 8, `too large: an attachment may be at most 10 MiB`);

export const attachmentCalls = {
  /**
   * Checks a file (type by its first bytes, size, a PDF's text), stores it once in the
   * library by hash and adds it to the conversation's draft, before answering: what the
   * window shows as attached survives a crash.
   */
  'attachments.add': {
    request: z.object({ conversationId: Id, name: FileName, dataBase64: Base64 }).strict(),
    reply: Attachment,
  },
  /** Takes an attachment off a conversation's draft (its bytes stay while a message uses them). */
  'attachments.remove': {
    request: z.object({ conversationId: Id, attachmentId: AttachmentId }).strict(),
    reply: z.object({}),
  },
  /** What is attached to a conversation's draft, oldest first. */
  'attachments.draft': {
    request: z.object({ conversationId: Id }).strict(),
    reply: z.object({ attachments: z.array(Attachment) }),
  },
  /** An attachment's bytes (thumbnails, opening a sent file). */
  'attachments.content': {
    request: z.object({ id: AttachmentId }).strict(),
    reply: z.object({ mediaType: z.string(), dataBase64: z.string() }),
  },
} as const;
