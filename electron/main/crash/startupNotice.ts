import type { Notice } from '../../../shared/api/schemas/app';
import type { RecoveryReport } from '../../../shared/api/schemas/streams';
import type { SessionRecord } from './crashJournal';

export const CRASH_NOTICE_CODE = 'previous-run-ended-unexpectedly';
export const RECOVERY_NOTICE_CODE = 'recovered-at-launch';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What the user is told at start-up about the previous run: whether it ended
 * unexpectedly, the errors it logged, and what launch recovery did about it. Null
 * when there is nothing to say (a clean quit and nothing recovered).
 */
export function startupNotice(
  previous: SessionRecord | null,
  recovery: Pick<RecoveryReport, 'streamsInterrupted' | 'messagesRebuilt'>,
  logsDir: string,
): Notice | null {
  const crashed = previous !== null && !previous.endedCleanly;
  const errors = previous?.errors ?? [];
  const recovered = recovery.streamsInterrupted + recovery.messagesRebuilt > 0;
  if (!crashed && errors.length === 0 && !recovered) return null;

  const sentences: string[] = [];
  if (crashed) sentences.push('Spool did not shut down cleanly last time.');
  if (errors.length > 0) {
    const last = errors[errors.length - 1]!;
    sentences.push(
      `It hit ${plural(errors.length, 'unexpected error', 'unexpected errors')}; the last: ${last.message}`,
    );
  }
  if (recovery.streamsInterrupted > 0) {
    sentences.push(
      `${plural(recovery.streamsInterrupted, 'reply was', 'replies were')} cut off and kept as far as ` +
        'they got (marked interrupted: you can continue or regenerate them).',
    );
  }
  if (recovery.messagesRebuilt > 0) {
    sentences.push(
      `${plural(recovery.messagesRebuilt, 'message was', 'messages were')} rebuilt from the log.`,
    );
  }
  if (crashed && !recovered) sentences.push('Nothing needed recovering.');
  if (crashed || errors.length > 0) sentences.push(`Details are in ${logsDir}.`);

  return {
    level: errors.length > 0 || crashed ? 'warning' : 'info',
    code: crashed || errors.length > 0 ? CRASH_NOTICE_CODE : RECOVERY_NOTICE_CODE,
    message: sentences.join(' '),
  };
}
