import { createStore } from 'zustand/vanilla';
import type { Folder } from '../../../shared/api/schemas/folders';
import type { ApiClient } from '../api/client';
import type { ConversationsStore } from './conversations';

export interface FoldersState {
  folders: Folder[];
  load(): Promise<void>;
  create(name: string): Promise<Folder | null>;
  rename(id: string, name: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

/**
 * The folders (one level), live from `folders.changed`. When one is deleted (here or in
 * another window) its conversations are in no folder: the loaded rows are told so here
 * rather than by one event per conversation, and a sidebar showing it shows every one.
 */
export function createFoldersStore(
  client: ApiClient,
  conversations: ConversationsStore,
  report: (err: unknown, context: string) => void,
) {
  const store = createStore<FoldersState>()((set) => ({
    folders: [],
    async load() {
      try {
        apply(await client.call('folders.list', {}));
      } catch (err) {
        report(err, 'Could not load folders');
      }
    },
    async create(name) {
      try {
        const folder = await client.call('folders.create', { name });
        set((s) => ({
          folders: s.folders.some((f) => f.id === folder.id) ? s.folders : [...s.folders, folder],
        }));
        return folder;
      } catch (err) {
        report(err, 'Could not create the folder');
        return null;
      }
    },
    async rename(id, name) {
      try {
        const folder = await client.call('folders.rename', { id, name });
        set((s) => ({ folders: s.folders.map((f) => (f.id === id ? folder : f)) }));
        return true;
      } catch (err) {
        report(err, 'Could not rename the folder');
        return false;
      }
    },
    async remove(id) {
      try {
        await client.call('folders.delete', { id });
        apply(store.getState().folders.filter((f) => f.id !== id));
        return true;
      } catch (err) {
        report(err, 'Could not delete the folder');
        return false;
      }
    },
  }));

  function apply(folders: Folder[]): void {
    store.setState({ folders });
    const ids = new Set(folders.map((f) => f.id));
    const list = conversations.getState();
    if (list.filter.folderId !== null && !ids.has(list.filter.folderId)) {
      void list.setFilter({ folderId: null });
      return;
    }
    const orphaned = (folderId: string | null) => folderId !== null && !ids.has(folderId);
    if (list.conversations.some((c) => orphaned(c.folderId))) {
      conversations.setState({
        conversations: list.conversations.map((c) => (orphaned(c.folderId) ? { ...c, folderId: null } : c)),
      });
    }
    if (list.opened && orphaned(list.opened.folderId)) {
      conversations.setState({ opened: { ...list.opened, folderId: null } });
    }
  }

  client.on('folders.changed', ({ folders }) => apply(folders));
  return store;
}
export type FoldersStore = ReturnType<typeof createFoldersStore>;
