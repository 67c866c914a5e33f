import type { ConversationDeltas } from '../../library/conversationDeltas';
import type { ConversationPages } from '../../store/conversationPages';
import type { ConversationStore } from '../../store/ConversationStore';
import type { FolderStore } from '../../store/FolderStore';
import type { ApiHandlers } from '../types';

export interface FolderHandlerDeps {
  conversations: ConversationStore;
  pages: ConversationPages;
  folders: FolderStore;
  deltas: ConversationDeltas;
  /** Tells every window the folders changed. */
  foldersChanged(): void;
}

type FolderChannels =
  | 'conversations.page'
  | 'conversations.get'
  | 'conversations.move'
  | 'folders.list'
  | 'folders.create'
  | 'folders.rename'
  | 'folders.delete';

/** The paged conversation list, one conversation by id, and folders (create, rename, delete, move into). */
export function folderHandlers(deps: FolderHandlerDeps): Pick<ApiHandlers, FolderChannels> {
  return {
    'conversations.page': (request) => {
      if (request.folderId !== undefined) deps.folders.get(request.folderId); // NOT_FOUND, not an empty page
      return deps.pages.page(request);
    },
    'conversations.get': ({ id }) => deps.conversations.get(id),
    'conversations.move': ({ id, folderId }) => {
      if (folderId !== null) deps.folders.get(folderId); // NOT_FOUND before anything moves
      const conversation = deps.conversations.move(id, folderId);
      deps.deltas.changed(id);
      return conversation;
    },
    'folders.list': () => deps.folders.list(),
    'folders.create': ({ name }) => {
      const folder = deps.folders.create(name);
      deps.foldersChanged();
      return folder;
    },
    'folders.rename': ({ id, name }) => {
      const folder = deps.folders.rename(id, name);
      deps.foldersChanged();
      return folder;
    },
    // Its conversations stay, in no folder; windows clear their folder when the list arrives.
    'folders.delete': ({ id }) => {
      deps.folders.delete(id);
      deps.foldersChanged();
      return { id };
    },
  };
}
