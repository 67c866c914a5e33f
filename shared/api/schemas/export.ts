import { z } from 'zod';
import { Id } from './common';

/**
 * Exports (issue 5): a message, a conversation or the whole library, in a chosen
 * format. The same targets serve every transport: the desktop app saves through the
 * OS dialog (`export.save`), browser mode downloads `GET <downloadPath>` (authenticated
 * by the page's token cookie), the CLI writes to stdout or a file.
 */

/** text = the reply exactly as streamed; jsonl = the chunk log; raw = provider events as received. */
export const MessageExportFormat = z.enum(['text', 'md', 'jsonl', 'raw']);
export type MessageExportFormat = z.infer<typeof MessageExportFormat>;
export const ConversationExportFormat = z.enum(['md', 'json']);
export type ConversationExportFormat = z.infer<typeof ConversationExportFormat>;
/** markdown-folder = one Markdown file per conversation (a .tar when downloaded by a browser). */
export const LibraryExportFormat = z.enum(['json', 'markdown-folder']);
export type LibraryExportFormat = z.infer<typeof LibraryExportFormat>;

export const ExportTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), messageId: Id, format: MessageExportFormat }).strict(),
  z
    .object({ kind: z.literal('conversation'), conversationId: Id, format: ConversationExportFormat })
    .strict(),
  z.object({ kind: z.literal('library'), format: LibraryExportFormat }).strict(),
  /** The conversations of one folder, as the library formats (issue 19). */
  z.object({ kind: z.literal('folder'), folderId: Id, format: LibraryExportFormat }).strict(),
]);
export type ExportTarget = z.infer<typeof ExportTarget>;

/** What an export will be, before it is written. */
export const ExportDescription = z.object({
  /** A safe file (or folder) name to suggest. */
  fileName: z.string(),
  mimeType: z.string(),
  /** true for markdown-folder: the destination is a folder. */
  directory: z.boolean(),
  /**
   * true when part of it exists only in memory (storage failing, §3.10): the export
   * includes that tail, but the reply may be incomplete. `warning` says so in words.
   */
  incomplete: z.boolean(),
  warning: z.string().nullable(),
  /** Browser mode: GET this path on the host (relative to the page) to download it. */
  downloadPath: z.string(),
});
export type ExportDescription = z.infer<typeof ExportDescription>;

export const ExportSaveResult = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('saved'),
    path: z.string(),
    bytes: z.number().int().nonnegative(),
    files: z.number().int().nonnegative(),
    incomplete: z.boolean(),
    warning: z.string().nullable(),
  }),
  /** The user closed the save dialog. */
  z.object({ outcome: z.literal('cancelled') }),
  /** This host has no save dialog (browser mode): the page downloads `description.downloadPath`. */
  z.object({ outcome: z.literal('download'), description: ExportDescription }),
]);
export type ExportSaveResult = z.infer<typeof ExportSaveResult>;

/** Progress of one export (`export.progress` events), in items: chunks, messages or conversations. */
export const ExportProgress = z.object({
  exportId: Id,
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

export const exportCalls = {
  'export.describe': {
    request: z.object({ target: ExportTarget }).strict(),
    reply: ExportDescription,
  },
  /**
   * Asks where to save (the OS dialog) and streams the export there, sending
   * `export.progress` events tagged with `exportId` (pass your own to match them).
   * An in-process client that connected with its own destination (the CLI: `--out`
   * or stdout) is not asked; `path` is '' when it was a stream. A reader that went
   * away mid-export answers CONFLICT with `details.errno` 'EPIPE'.
   */
  'export.save': {
    request: z.object({ target: ExportTarget, exportId: Id.optional() }).strict(),
    reply: ExportSaveResult,
  },
} as const;

/** Query string of browser mode's download route: `GET /export?kind=…&id=…&format=…`. */
export const EXPORT_HTTP_PATH = '/export';

export function exportDownloadPath(target: ExportTarget): string {
  const q = new URLSearchParams({ kind: target.kind, format: target.format });
  if (target.kind === 'message') q.set('id', target.messageId);
  if (target.kind === 'conversation') q.set('id', target.conversationId);
  if (target.kind === 'folder') q.set('id', target.folderId);
  return `${EXPORT_HTTP_PATH}?${q.toString()}`;
}

/** The inverse of exportDownloadPath; validated like any API payload. */
export function parseExportQuery(query: URLSearchParams): ReturnType<typeof ExportTarget.safeParse> {
  const kind = query.get('kind');
  const id = query.get('id') ?? undefined;
  const format = query.get('format');
  const candidate =
    kind === 'message'
      ? { kind, messageId: id, format }
      : kind === 'conversation'
        ? { kind, conversationId: id, format }
        : kind === 'folder'
          ? { kind, folderId: id, format }
          : { kind, format };
  return ExportTarget.safeParse(candidate);
}
