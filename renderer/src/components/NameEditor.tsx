import { useRef, useState, type KeyboardEvent } from 'react';

interface Props {
  /** The input's accessible name. */
  label: string;
  initial: string;
  maxLength?: number;
  /** The trimmed name, or null when cancelled (Escape) or left empty. */
  onDone(name: string | null): void;
}

/** An inline name field: Enter and blur save, Escape cancels. `done` guards against blur firing after Enter. */
export function NameEditor({ label, initial, maxLength = 200, onDone }: Props) {
  const [value, setValue] = useState(initial);
  const done = useRef(false);
  const end = (name: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(name?.trim() || null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      end(value);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      end(null);
    }
  };
  return (
    <input
      className="title-input"
      aria-label={label}
      value={value}
      maxLength={maxLength}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => end(value)}
    />
  );
}
