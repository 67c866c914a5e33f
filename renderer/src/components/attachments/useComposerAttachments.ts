import { useEffect, useState, type ClipboardEvent, type DragEvent } from 'react';
import { useStore } from 'zustand';
import { draftAttachments } from '../../stores/attachments';
import { useStores } from '../../stores/context';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

/**
 * The composer's attachments: what is on the conversation's draft (loaded as it opens),
 * and the button, drop and paste handlers that add to it. A conversation is created
 * first when there is none yet, as a send does. Refusals go to `onError` in main's words.
 */
export function useComposerAttachments(
  conversationId: string | null,
  ensureConversation: () => Promise<string | null>,
  onError: (message: string | null) => void,
) {
  const { attachments } = useStores();
  const attached = useStore(attachments, (s) => draftAttachments(s, conversationId));
  const adding = useStore(attachments, (s) => (conversationId ? (s.adding[conversationId] ?? 0) : 0));
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    if (conversationId)
      attachments
        .getState()
        .load(conversationId)
        .catch(() => {}); // chips only
  }, [attachments, conversationId]);

  async function attach(files: File[]) {
    if (files.length === 0) return;
    onError(null);
    const id = await ensureConversation();
    if (!id) return;
    try {
      await attachments.getState().add(id, files);
    } catch (err) {
      onError(`Not attached: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  return {
    attached,
    adding: adding > 0,
    dragging,
    attach,
    remove: (attachmentId: string) => {
      if (conversationId)
        attachments
          .getState()
          .remove(conversationId, attachmentId)
          .catch(() => {});
    },
    dropProps: {
      onDragOver: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      },
      onDragLeave: (e: DragEvent) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      },
      onDrop: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(false);
        void attach(Array.from(e.dataTransfer.files));
      },
    },
    onPaste: (e: ClipboardEvent) => {
      const files = Array.from(e.clipboardData.files);
      if (files.length === 0) return; // plain text pastes as usual
      e.preventDefault();
      void attach(files);
    },
  };
}
