import type { ApiReply } from '../../../../shared/api/contract';
import type { ApiHandlers } from '../types';

export interface InspectorHandlerDeps {
  /** library/inspectWithAudit.ts; NOT_FOUND for an unknown message. */
  inspect(messageId: string): ApiReply<'streams.inspect'>;
}

/** `streams.inspect`: the stream inspector's figures for one message. */
export function inspectorHandlers(deps: InspectorHandlerDeps): Pick<ApiHandlers, 'streams.inspect'> {
  return { 'streams.inspect': ({ messageId }) => deps.inspect(messageId) };
}
