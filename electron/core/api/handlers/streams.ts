import { ApiFailure } from '../../../../shared/api/result';
import type { ApiHandlers } from '../types';

type StreamChannels = 'streams.subscribe' | 'streams.unsubscribe' | 'recovery.report';

// PLACEHOLDER until the stream engine lands (issue 3): replaced by real handlers.
export function streamHandlers(): Pick<ApiHandlers, StreamChannels> {
  const unavailable = (): never => {
    throw new ApiFailure('UNAVAILABLE', 'The stream engine is not available yet.');
  };
  return {
    'streams.subscribe': unavailable,
    'streams.unsubscribe': unavailable,
    'recovery.report': () => ({ messagesRebuilt: 0, streamsInterrupted: 0, ranAt: null }),
  };
}
