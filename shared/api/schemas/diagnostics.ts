import { z } from 'zod';
import { Empty, Id, Timestamp } from './common';
import { MessageStatus } from './messages';

/**
 * A report's file name as `diagnostics.report` writes it. Nothing else is served or
 * shown from the reports folder, so a name can never reach outside it.
 */
export const ReportFileName = z
  .string()
  .max(128)
  .regex(/^spool-report-[0-9A-Za-z-]+\.zip$/, 'Not a report file name.');

export const DiagnosticsReport = z.object({
  /** Where the zip was written (in the data dir's `reports/` folder). */
  path: z.string(),
  fileName: ReportFileName,
  bytes: z.number().int().nonnegative(),
  /** The files inside, so the user knows what they would share. */
  files: z.array(z.string()),
  /** Browser mode: the page downloads the zip from here (authenticated like every request). */
  downloadPath: z.string(),
  /** The desktop can show the zip in its folder (`diagnostics.showReport`); elsewhere it is downloaded. */
  canShowInFolder: z.boolean(),
});
export type DiagnosticsReport = z.infer<typeof DiagnosticsReport>;

/** An assistant reply whose chunk log can go into a report: enough to recognise it in a list. */
export const RecentReply = z.object({
  messageId: Id,
  conversationId: Id,
  conversationTitle: z.string(),
  status: MessageStatus,
  /** The start of the reply's text (or its error), on one line. */
  snippet: z.string(),
  createdAt: Timestamp,
});
export type RecentReply = z.infer<typeof RecentReply>;

/** Browser mode's report download: `GET /report?file=<fileName>`. */
export const REPORT_HTTP_PATH = '/report';

export function reportDownloadPath(fileName: string): string {
  return `${REPORT_HTTP_PATH}?${new URLSearchParams({ file: fileName }).toString()}`;
}

export const diagnosticsCalls = {
  /**
   * "Report a problem": writes a zip the user can open and read before sharing it —
   * app version, OS, settings and providers without secrets, recent log lines with
   * secrets redacted, the local counters, and optionally one message's chunk log.
   * Nothing is sent anywhere.
   */
  'diagnostics.report': {
    request: z.object({ messageId: Id.optional() }).strict(),
    reply: DiagnosticsReport,
  },
  /** The latest assistant replies that have a chunk log, newest first: what a report can include. */
  'diagnostics.recentReplies': {
    request: z.object({ limit: z.number().int().min(1).max(100).optional() }).strict(),
    reply: z.object({ replies: z.array(RecentReply) }),
  },
  /** Desktop: shows a written report in the OS file manager. Browser mode: CONFLICT (it downloads). */
  'diagnostics.showReport': {
    request: z.object({ fileName: ReportFileName }).strict(),
    reply: Empty,
  },
} as const;
