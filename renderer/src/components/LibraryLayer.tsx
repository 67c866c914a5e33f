import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useStores } from '../stores/context';
import { InspectorDialog } from './InspectorDialog';
import { SearchDialog } from './SearchDialog';
import { UndoToast } from './UndoToast';

/**
 * The library's overlays, mounted once beside the app: the search dialog (Ctrl/Cmd+K),
 * the stream inspector and the Undo toast.
 */
export function LibraryLayer() {
  const { search, inspector } = useStores();
  const searching = useStore(search, (s) => s.open);
  const inspecting = useStore(inspector, (s) => s.messageId !== null);
  const reveal = useStore(search, (s) => s.reveal);

  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        const state = search.getState();
        if (state.open) state.hide();
        else state.show();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [search]);

  useRevealMessage(reveal);

  return (
    <>
      {searching && <SearchDialog />}
      {inspecting && <InspectorDialog />}
      <UndoToast />
    </>
  );
}

/**
 * Brings a search result's message into view once its conversation has rendered it.
 * Finds it by `data-message-id`; a message list that virtualises may not have it in
 * the DOM, in which case the conversation is simply open.
 */
function useRevealMessage(reveal: { messageId: string } | null) {
  useEffect(() => {
    if (!reveal) return;
    const selector = `[data-message-id="${CSS.escape(reveal.messageId)}"]`;
    const tryReveal = () => {
      const el = document.querySelector<HTMLElement>(selector);
      if (!el) return false;
      el.scrollIntoView({ block: 'center' });
      el.classList.add('is-revealed');
      setTimeout(() => el.classList.remove('is-revealed'), 1600);
      return true;
    };
    if (tryReveal()) return;
    const observer = new MutationObserver(() => tryReveal() && observer.disconnect());
    observer.observe(document.body, { childList: true, subtree: true });
    const stop = setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      clearTimeout(stop);
    };
  }, [reveal]);
}
