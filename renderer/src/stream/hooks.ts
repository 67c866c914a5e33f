import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { MessageSnapshot } from '../../../shared/reduce';
import type { StreamStore, StreamStoreState } from './streamStore';

/**
 * React's door to the stream store. The selector picks one message's snapshot, and
 * the reducer shares unchanged snapshots, so a chunk re-renders only the message
 * it belongs to. Provide the store with `<StreamStoreContext.Provider value={…}>`.
 */
export const StreamStoreContext = createContext<StreamStore | null>(null);

export function selectSnapshot(messageId: string): (s: StreamStoreState) => MessageSnapshot | undefined {
  return (s) => {
    const streamId = s.byMessage[messageId];
    return streamId === undefined ? undefined : s.streams[streamId]?.snapshot;
  };
}

/** The live snapshot of a streaming message, or undefined when no stream is tracked for it. */
export function useStreamSnapshot(messageId: string): MessageSnapshot | undefined {
  const streams = useContext(StreamStoreContext);
  if (!streams) throw new Error('useStreamSnapshot needs a StreamStoreContext.Provider above it.');
  return useStore(streams.store, selectSnapshot(messageId));
}
