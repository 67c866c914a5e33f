/**
 * Secrets never reach a log file (DESIGN.md §7). The main process uses core's one
 * redactor (electron/core/redact): the same rules as the "Report a problem" bundle,
 * provider errors and request descriptions.
 */
export { REDACTED, Redactor } from '../../core/redact';
