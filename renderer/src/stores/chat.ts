import { createStore } from 'zustand/vanilla';
import type { StartedReply } from '../../../shared/api/schemas/chat';
import type { Message } from '../../../shared/api/schemas/messages';
import type { ApiClient } from '../api/client';
import type { MessagesStore } from './messages';
import type { ModelChoice } from './modelChoice';

export interface ChatState {
  /** Messages with an action on its way (Stop, Continue…), so their buttons wait for it. */
  pending: Readonly<Record<string, true>>;
  /**
   * The user message being edited in place, if any. Kept here rather than in the
   * message's view so the composer's Up key can open it, and so it survives the
   * view being unmounted when the virtual list scrolls it away.
   */
  editingId: string | null;
  startEditing(messageId: string): void;
  stopEditing(): void;
  /**
   * Sends a user message. Throws (ApiCallError) so the composer keeps the text and
   * shows why. The same `clientRequestId` on a retry never creates a second message.
   */
  send(
    conversationId: string,
    text: string,
    clientRequestId: string,
    model?: ModelChoice,
    attachmentIds?: readonly string[],
  ): Promise<void>;
  stop(messageId: string): Promise<void>;
  continueReply(messageId: string): Promise<void>;
  regenerate(messageId: string): Promise<void>;
  /** Resolves false when it failed (reported), so the editor can stay open. */
  editAndResend(messageId: string, text: string): Promise<boolean>;
}

/**
 * The chat actions. Each reply main starts lands in the messages store at once; the
 * wiring in index.ts then follows its stream, so chunks show as they arrive.
 */
export function createChatStore(
  client: ApiClient,
  messages: MessagesStore,
  report: (err: unknown, context: string) => void,
) {
  const show = ({ message }: StartedReply) => messages.getState().upsert(message);
  const showExchange = (userMessage: Message, reply: StartedReply) => {
    messages.getState().upsert(userMessage);
    show(reply);
  };

  const store = createStore<ChatState>()((set) => {
    /** Runs one action on a message, marking it pending meanwhile; failures are reported. */
    async function on(messageId: string, context: string, action: () => Promise<void>): Promise<boolean> {
      set((s) => ({ pending: { ...s.pending, [messageId]: true } }));
      try {
        await action();
        return true;
      } catch (err) {
        report(err, context);
        return false;
      } finally {
        set((s) => {
          const { [messageId]: _done, ...rest } = s.pending;
          return { pending: rest };
        });
      }
    }

    return {
      pending: {},
      editingId: null,
      startEditing(messageId) {
        set({ editingId: messageId });
      },
      stopEditing() {
        set({ editingId: null });
      },
      async send(conversationId, text, clientRequestId, model, attachmentIds) {
        const { userMessage, reply } = await client.call('chat.send', {
          conversationId,
          text,
          clientRequestId,
          ...(model ?? {}),
          ...(attachmentIds?.length ? { attachmentIds: [...attachmentIds] } : {}),
        });
        showExchange(userMessage, reply);
      },
      async stop(messageId) {
        await on(messageId, 'Could not stop the reply', async () => {
          await client.call('chat.stop', { messageId });
        });
      },
      async continueReply(messageId) {
        await on(messageId, 'Could not continue the reply', async () => {
          show(await client.call('chat.continue', { messageId }));
        });
      },
      async regenerate(messageId) {
        await on(messageId, 'Could not regenerate the reply', async () => {
          // A new version beside the old one, shown from now on (it was chosen last).
          show(await client.call('chat.regenerate', { messageId }));
        });
      },
      editAndResend(messageId, text) {
        return on(messageId, 'Could not resend the message', async () => {
          // A new version of the message with its own reply; the edited one keeps its replies.
          const { userMessage, reply } = await client.call('chat.editAndResend', { messageId, text });
          showExchange(userMessage, reply);
          set((s) => (s.editingId === messageId ? { editingId: null } : s));
        });
      },
    };
  });
  return store;
}
export type ChatStore = ReturnType<typeof createChatStore>;
