import { z } from 'zod';
import { Timestamp } from './common';

export const AuditKind = z.enum([
  'started',
  'continued',
  'completed',
  'failed',
  /** Stopped by the user (Stop, or deleting the conversation). */
  'stopped',
  /** Its reader was lost (quit, crash); at launch recovery says so with detail.by = 'recovery'. */
  'interrupted',
  /** Its snapshot was rebuilt from the chunk log at recovery. */
  'recovered',
  'exported',
  /** This reply replaced another (detail.replaces = the old message's id). */
  'regenerated',
]);
export type AuditKind = z.infer<typeof AuditKind>;

/** One lifecycle event of a message (table `audit_events`). */
export const AuditEvent = z.object({
  at: Timestamp,
  kind: AuditKind,
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
