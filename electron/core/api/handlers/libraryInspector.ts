import type { Database } from 'better-sqlite3';
import type { CommitRecorder } from '../../library/CommitRecorder';
import { inspectMessage } from '../../library/inspectStreams';
import type { MessageStore } from '../../store/MessageStore';
import type { ApiHandlers } from '../types';

export interface InspectorHandlerDeps {
  db: Database;
  messages: MessageStore;
  commits: CommitRecorder;
  now(): number;
}

/** `streams.inspect`: the stream inspector's figures for one message. */
export function inspectorHandlers(deps: InspectorHandlerDeps): Pick<ApiHandlers, 'streams.inspect'> {
  return {
    'streams.inspect': ({ messageId }) => {
      deps.messages.get(messageId); // NOT_FOUND for an unknown message, not an empty report
      return inspectMessage(
        { db: deps.db, now: deps.now, recordedBatches: (id) => deps.commits.get(id) },
        messageId,
      );
    },
  };
}
