import type { KeyboardEvent } from 'react';
import { ChevronLeftIcon, ChevronRightIcon } from './chatIcons';
import { versionAnnouncement, versionList, type VersionInfo } from './versionInfo';

interface Props {
  info: VersionInfo;
  /** "reply" or "message": what the group of versions is called to a screen reader. */
  noun: string;
  onSelect(messageId: string): void;
}

/**
 * `‹ 2 / 3 ›` on a message that has other versions. The buttons stay focusable at
 * either end (aria-disabled, not disabled), so focus is never lost from under the
 * keyboard; the row around it is kept when the version changes (MessageList keys rows
 * by their place in the tree), so the live region announces the new position.
 */
export function VersionSwitcher({ info, noun, onSelect }: Props) {
  const go = (id: string | null) => {
    if (id) onSelect(id);
  };
  // Left/Right on either button step too, like a toolbar.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'ArrowLeft') go(info.previousId);
    else if (e.key === 'ArrowRight') go(info.nextId);
    else return;
    e.preventDefault();
  };
  return (
    <div
      className="version-switcher"
      role="group"
      aria-label={`Versions of this ${noun}`}
      onKeyDown={onKeyDown}
    >
      <button
        type="button"
        className="version-step"
        aria-label="Previous version"
        aria-disabled={info.previousId === null}
        onClick={() => go(info.previousId)}
      >
        <ChevronLeftIcon />
      </button>
      <span className="version-position" aria-hidden="true">
        {info.index} / {info.count}
      </span>
      <button
        type="button"
        className="version-step"
        aria-label="Next version"
        aria-disabled={info.nextId === null}
        onClick={() => go(info.nextId)}
      >
        <ChevronRightIcon />
      </button>
      {info.streaming.length > 0 && (
        <span className="version-streaming" aria-hidden="true">
          <span className="live-dot" />
          {versionList(info.streaming)} streaming
        </span>
      )}
      <span className="visually-hidden" role="status">
        {versionAnnouncement(info)}
      </span>
    </div>
  );
}
