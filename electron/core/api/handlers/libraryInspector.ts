import type { ApiReply } from '../../../../shared/api/contract';
import type { Usage } from '../../../../shared/usage';
import type { ApiHandlers } from '../types';
import { ApiFailure } from '../../../../shared/api/result';
import { messageReport } from '../../export/messageReport';
import type { ExportSource } from '../../export/source';

export interface InspectorHandlerDeps {
  /** library/inspectWithAudit.ts; NOT_FOUND for an unknown message. */
  inspect(messageId: string): ApiReply<'streams.inspect'>;
  /** Stored usage of a message (null without): what `spool inspect` adds to the streams. */
  usageOf(messageId: string): Usage | null;
  /** What exports read (messages and streams as logged): `streams.report` reads it too. */
  source: ExportSource;
}

/** `streams.inspect`: the stream inspector's figures for one message; `streams.report`: `spool inspect`'s. */
export function inspectorHandlers(
  deps: InspectorHandlerDeps,
): Pick<ApiHandlers, 'streams.inspect' | 'streams.report'> {
  return {
    'streams.inspect': ({ messageId }) => deps.inspect(messageId),
    'streams.report': ({ messageId }) => {
      const report = messageReport(deps.source, deps.usageOf, messageId);
      if (!report) throw new ApiFailure('NOT_FOUND', `No message with id ${messageId}.`);
      return report;
    },
  };
}
