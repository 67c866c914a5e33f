import { count } from '../plural';
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { useModalDialog } from './useModalDialog';
import { useStore } from 'zustand';
import type { SearchResult } from '../../../shared/api/schemas/library';
import { useStores } from '../stores/context';
import { SearchIcon } from './libraryIcons';

/**
 * Ctrl/Cmd+K: search every conversation. The input drives a listbox (arrow keys move,
 * Enter opens); snippets arrive as plain text pieces and matches become <mark>, so a
 * message's own markup is only ever shown as text.
 */
export function SearchDialog() {
  const { search } = useStores();
  const query = useStore(search, (s) => s.query);
  const results = useStore(search, (s) => s.results);
  const answered = useStore(search, (s) => s.answered);
  const searching = useStore(search, (s) => s.searching);
  const active = useStore(search, (s) => s.active);
  const ref = useModalDialog();
  const titleId = useId();
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  // Reopened, it shows the previous query selected: typing replaces it, arrows keep it.
  useEffect(() => inputRef.current?.select(), []);

  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      search.getState().move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Escape') {
      // A search field would only clear itself on Escape; here Escape closes, as in any dialog.
      e.preventDefault();
      search.getState().hide();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const chosen = results[active];
      if (chosen) void search.getState().choose(chosen);
    }
  };

  const status = !query.trim()
    ? 'Type to search all conversations.'
    : searching && answered !== query
      ? 'Searching…'
      : results.length === 0
        ? `No messages match “${answered}”.`
        : results.length === 50
          ? '50+ messages'
          : count(results.length, 'message');

  return (
    <dialog
      ref={ref}
      className="dialog search-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        search.getState().hide();
      }}
      onClick={(e) => {
        if (e.target === ref.current) search.getState().hide();
      }}
    >
      <h2 id={titleId} className="visually-hidden">
        Search
      </h2>
      <div className="search-field">
        <SearchIcon />
        <input
          type="search"
          className="search-input"
          aria-label="Search messages"
          placeholder="Search all conversations…"
          autoFocus
          ref={inputRef}
          value={query}
          maxLength={1000}
          aria-controls={listId}
          aria-activedescendant={results.length ? `${listId}-${active}` : undefined}
          onChange={(e) => search.getState().setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <kbd className="shortcut" aria-hidden="true">
          Esc
        </kbd>
      </div>
      <ul className="search-results" id={listId} role="listbox" aria-label="Results">
        {results.map((result, i) => (
          <li
            key={result.messageId}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={`search-result${i === active ? ' is-active' : ''}`}
            onClick={() => void search.getState().choose(result)}
          >
            <ResultView result={result} />
          </li>
        ))}
      </ul>
      <p className="search-status" role="status">
        {status}
      </p>
    </dialog>
  );
}

function ResultView({ result }: { result: SearchResult }) {
  return (
    <>
      <span className="search-result-head">
        <span className="search-result-title">{result.conversationTitle}</span>
        <span className="search-result-meta">
          {result.role === 'user' ? 'You' : result.role === 'assistant' ? 'Assistant' : 'System'} ·{' '}
          {new Date(result.createdAt).toLocaleDateString()}
          {versionNote(result)}
        </span>
      </span>
      <span className="search-result-snippet">
        {result.snippet.map((piece, i) => (piece.match ? <mark key={i}>{piece.text}</mark> : piece.text))}
      </span>
    </>
  );
}

/** "version 2 of 3" for a message with other versions; "not shown" when opening it switches branch. */
function versionNote(result: SearchResult): string {
  const notes: string[] = [];
  if (result.version.count > 1) notes.push(`version ${result.version.index} of ${result.version.count}`);
  if (!result.shown) notes.push('not shown');
  return notes.length ? ` · ${notes.join(', ')}` : '';
}
