import { createStore } from 'zustand/vanilla';
import type { Conversation } from '../../../shared/api/schemas/conversations';
import type { ReplyParams } from '../../../shared/api/schemas/params';
import type { ApiClient } from '../api/client';

export interface ConversationsState {
  conversations: Conversation[];
  selectedId: string | null;
  /** False until the first list arrives, so the UI can tell "loading" from "none". */
  loaded: boolean;
  load(): Promise<void>;
  select(id: string | null): void;
  /** Creates a conversation and selects it; resolves with it, or null when it failed. */
  create(): Promise<Conversation | null>;
  rename(id: string, title: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  /** The provider and model the conversation uses from now on. */
  setModel(id: string, providerId: string, model: string): Promise<boolean>;
  /** The conversation's own system prompt; null = follow the default in Settings. */
  setSystemPrompt(id: string, systemPrompt: string | null): Promise<boolean>;
  /** Temperature, top-p, max output tokens, reasoning effort (the whole set). */
  setParams(id: string, params: ReplyParams): Promise<boolean>;
}

/**
 * The sidebar's list. `conversations.changed` events keep it live (another window,
 * the CLI); replies to our own calls are applied at once so the UI never waits on
 * the event.
 */
export function createConversationsStore(client: ApiClient, report: (err: unknown, context: string) => void) {
  /** Bumped by every event, so a list reply that left before the event does not undo it. */
  let version = 0;

  const store = createStore<ConversationsState>()((set, get) => {
    const upsert = (conversation: Conversation) =>
      set((s) => {
        const exists = s.conversations.some((c) => c.id === conversation.id);
        return {
          conversations: exists
            ? s.conversations.map((c) => (c.id === conversation.id ? conversation : c))
            : [conversation, ...s.conversations],
        };
      });

    return {
      conversations: [],
      selectedId: null,
      loaded: false,
      async load() {
        const asked = version;
        try {
          const conversations = await client.call('conversations.list', {});
          if (asked === version) applyList(conversations);
          else set({ loaded: true });
        } catch (err) {
          report(err, 'Could not load conversations');
        }
      },
      select(id) {
        set({ selectedId: id });
      },
      async create() {
        try {
          const conversation = await client.call('conversations.create', {});
          upsert(conversation);
          set({ selectedId: conversation.id });
          return conversation;
        } catch (err) {
          report(err, 'Could not create a conversation');
          return null;
        }
      },
      async rename(id, title) {
        try {
          upsert(await client.call('conversations.rename', { id, title }));
          return true;
        } catch (err) {
          report(err, 'Could not rename the conversation');
          return false;
        }
      },
      async setModel(id, providerId, model) {
        try {
          upsert(await client.call('conversations.setModel', { id, providerId, model }));
          return true;
        } catch (err) {
          report(err, 'Could not change the model');
          return false;
        }
      },
      async setSystemPrompt(id, systemPrompt) {
        try {
          upsert(await client.call('conversations.setSystemPrompt', { id, systemPrompt }));
          return true;
        } catch (err) {
          report(err, 'Could not save the system prompt');
          return false;
        }
      },
      async setParams(id, params) {
        try {
          upsert(await client.call('conversations.setParams', { id, params }));
          return true;
        } catch (err) {
          report(err, 'Could not save the parameters');
          return false;
        }
      },
      async remove(id) {
        try {
          await client.call('conversations.delete', { id });
          applyList(get().conversations.filter((c) => c.id !== id));
          return true;
        } catch (err) {
          report(err, 'Could not delete the conversation');
          return false;
        }
      },
    };
  });

  function applyList(conversations: Conversation[]): void {
    const { selectedId } = store.getState();
    const stillThere = selectedId !== null && conversations.some((c) => c.id === selectedId);
    store.setState({ conversations, loaded: true, selectedId: stillThere ? selectedId : null });
  }

  client.on('conversations.changed', ({ conversations }) => {
    version++;
    applyList(conversations);
  });

  return store;
}
export type ConversationsStore = ReturnType<typeof createConversationsStore>;
