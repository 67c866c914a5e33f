import { createStore } from 'zustand/vanilla';
import type { ApiClient, ConnectionStatus } from '../api/client';

export interface ConnectionState {
  status: ConnectionStatus;
}

/** Mirrors the API client's connection so the UI can show "Reconnecting…". */
export function createConnectionStore(client: ApiClient) {
  const store = createStore<ConnectionState>()(() => ({ status: client.connection }));
  client.onConnection((status) => store.setState({ status }));
  return store;
}
export type ConnectionStore = ReturnType<typeof createConnectionStore>;
