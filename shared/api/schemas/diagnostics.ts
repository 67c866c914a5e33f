import { z } from 'zod';
import { Id } from './common';

export const DiagnosticsReport = z.object({
  /** Where the zip was written (in the data dir's `reports/` folder). */
  path: z.string(),
  fileName: z.string(),
  bytes: z.number().int().nonnegative(),
  /** The files inside, so the user knows what they would share. */
  files: z.array(z.string()),
});
export type DiagnosticsReport = z.infer<typeof DiagnosticsReport>;

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
} as const;
