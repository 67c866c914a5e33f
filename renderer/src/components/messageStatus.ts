import type { MessageStatus } from '../../../shared/api/schemas/messages';

/** What each unfinished state is called on screen (and to screen readers). */
export const STATUS_LABELS: Record<Exclude<MessageStatus, 'complete'>, string> = {
  streaming: 'Streaming',
  interrupted: 'Interrupted',
  error: 'Error',
  cancelled: 'Cancelled',
};

/** One sentence under a reply that did not finish, saying what happened and what can be done. */
export const STATUS_EXPLANATIONS: Partial<Record<MessageStatus, string>> = {
  interrupted: 'Spool stopped before this reply finished. Everything received so far is kept.',
  cancelled: 'You stopped this reply. Everything received so far is kept.',
};

/** Replies that Continue can carry on from where they ended. */
export function canContinue(status: MessageStatus): boolean {
  return status === 'interrupted' || status === 'cancelled' || status === 'error';
}
