import { useEffect, useState } from 'react';
import { useStores } from '../stores/context';

/** Typing pauses this long before the list is asked for again. */
const DEBOUNCE_MS = 200;

/** The sidebar's filter: only conversations whose title contains the text (in the folder shown). */
export function FilterBox() {
  const { conversations } = useStores();
  const [text, setText] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => {
      if (conversations.getState().filter.query !== text)
        void conversations.getState().setFilter({ query: text });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, conversations]);

  return (
    <div className="filter-box">
      <input
        type="search"
        className="filter-input"
        aria-label="Filter conversations by title"
        placeholder="Filter by title…"
        value={text}
        maxLength={200}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text) {
            e.preventDefault();
            setText('');
          }
        }}
      />
    </div>
  );
}
