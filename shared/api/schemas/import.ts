import { z } from 'zod';
import { Id } from './common';

/**
 * Import (issue 20): a ChatGPT or Claude data export (the .zip or its
 * conversations.json) or Spool's own JSON export, into the library. The desktop app
 * picks the file with the OS dialog (`import.choose`); browser mode uploads it first
 * (`POST /import-upload`, answered with an `uploadId`); the CLI names a path.
 */

export const ImportFormat = z.enum(['chatgpt', 'claude', 'spool']);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const ImportState = z.enum(['running', 'done', 'failed', 'cancelled']);

export const ImportSkipped = z.object({ sourceId: z.string(), title: z.string(), reason: z.string() });
export type ImportSkipped = z.infer<typeof ImportSkipped>;

/** Where an import stands (`import.progress` events, and `import.status`). */
export const ImportProgress = z.object({
  importId: Id,
  state: ImportState,
  /** Known once the first conversation is read. */
  format: ImportFormat.nullable(),
  bytesRead: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  /** Conversations read so far (imported, already there, or skipped). */
  conversations: z.number().int().nonnegative(),
  conversationsAdded: z.number().int().nonnegative(),
  messagesAdded: z.number().int().nonnegative(),
  /** Conversations that could not be imported as they are (a cycle, a missing parent…), and why. */
  skipped: z.array(ImportSkipped),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

export const importCalls = {
  /** Desktop: the OS file picker. `path` null when cancelled; `available` false where there is none. */
  'import.choose': {
    request: z.object({}).strict(),
    reply: z.object({ available: z.boolean(), path: z.string().nullable() }),
  },
  /** Starts an import of a file on this machine or an uploaded one; progress comes as `import.progress`. */
  'import.start': {
    request: z.union([z.object({ path: z.string().min(1) }).strict(), z.object({ uploadId: Id }).strict()]),
    reply: z.object({ importId: Id }),
  },
  /** Stops a running import after the conversation it is writing: what is imported stays, whole. */
  'import.cancel': {
    request: z.object({ importId: Id }).strict(),
    reply: ImportProgress,
  },
  'import.status': {
    request: z.object({ importId: Id }).strict(),
    reply: ImportProgress,
  },
} as const;

/** Browser mode's upload: `POST /import-upload` with the file as the body → `{uploadId}`. */
export const IMPORT_UPLOAD_HTTP_PATH = '/import-upload';
