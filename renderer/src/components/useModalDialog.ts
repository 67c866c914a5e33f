import { useEffect, useRef } from 'react';

/**
 * A native <dialog> shown modal while its component is mounted: showModal() makes the
 * rest of the page inert and keeps focus inside; closing on unmount returns focus to
 * the opener. Give the returned ref to the <dialog>.
 */
export function useModalDialog() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current!;
    if (!dialog.open) dialog.showModal();
    return () => dialog.close();
  }, []);
  return ref;
}
