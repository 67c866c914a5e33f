import { useState } from 'react';
import { DiagnosticsDialog } from './DiagnosticsDialog';

/** The sidebar footer's way into the Diagnostics dialog, which it owns while open. */
export function DiagnosticsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-quiet settings-button" onClick={() => setOpen(true)}>
        <span>Diagnostics</span>
      </button>
      {open && <DiagnosticsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
