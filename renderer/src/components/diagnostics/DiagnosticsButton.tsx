import { useState } from 'react';
import { PulseIcon } from '../icons';
import { DiagnosticsDialog } from './DiagnosticsDialog';

/** The sidebar footer's way into the Diagnostics dialog, which it owns while open. */
export function DiagnosticsButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-quiet settings-button" onClick={() => setOpen(true)}>
        <PulseIcon />
        <span>Diagnostics</span>
      </button>
      {open && <DiagnosticsDialog onClose={() => setOpen(false)} />}
    </>
  );
}
