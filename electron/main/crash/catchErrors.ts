import type { CrashJournal, CrashRecord } from './crashJournal';
import type { Redactor } from './redact';

/**
 * Errors the main process did not handle. Electron's default for an uncaught
 * exception in main is a dialog and carrying on; Spool logs it (redacted) and
 * records it for the next launch's start-up notice, and carries on as well: every
 * chunk shown is already committed, and quitting here would only interrupt the
 * replies that are still streaming fine.
 */
export interface ErrorSink {
  error(...args: unknown[]): void;
}

type ProcessEvents = Pick<NodeJS.EventEmitter, 'on'>;

export function catchMainProcessErrors(
  proc: ProcessEvents,
  deps: { log: ErrorSink; journal: Pick<CrashJournal, 'recordError'>; redactor: Redactor; now: () => number },
): void {
  const record = (kind: CrashRecord['kind'], err: unknown) => {
    deps.log.error(`[spool] ${kind}:`, err);
    const message = deps.redactor.redact(describe(err)).slice(0, 500);
    deps.journal.recordError({ kind, at: deps.now(), message });
  };
  proc.on('uncaughtException', (err: unknown) => record('uncaughtException', err));
  proc.on('unhandledRejection', (reason: unknown) => record('unhandledRejection', reason));
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}
