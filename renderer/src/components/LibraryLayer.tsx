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

  return (
    <>
      {searching && <SearchDialog />}
      {inspecting && <InspectorDialog />}
      <UndoToast />
    </>
  );
}
