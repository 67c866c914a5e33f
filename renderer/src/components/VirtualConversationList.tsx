import { useEffect, useLayoutEffect, useRef, useState, type ReactElement, type RefObject } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Conversation } from '../../../shared/api/schemas/conversations';

/** A row's height before it is measured (matches components.css), and the gap between rows. */
const ROW_PX = 34;
const GAP_PX = 1;

interface Props {
  conversations: readonly Conversation[];
  /** The sidebar's scrolling element, which this list scrolls with (after whatever is above it). */
  scrollRef: RefObject<HTMLElement | null>;
  labelledBy: string;
  /** How many rows come before the list (the pinned ones): where it starts moves with them. */
  rowsAbove: number;
  /** A row as a <li>, given where to put it. */
  row(
    conversation: Conversation,
    place: { ref: (el: HTMLLIElement | null) => void; index: number; top: number },
  ): ReactElement;
  /** Called when the rows near the end are in view: time to load the next page. */
  onNearEnd?(): void;
}

/** How many rows before the end the next page is asked for, so scrolling rarely waits. */
const NEAR_END_ROWS = 30;

/**
 * The sidebar's list of chats, virtualised: only the rows near the view are in the page,
 * so a library of 20,000 conversations costs the DOM, layout and memory of a screenful.
 * It is still one <ul> of <li>s, positioned inside the list's full height.
 */
export function VirtualConversationList(props: Props) {
  const { conversations, scrollRef, labelledBy, rowsAbove, row, onNearEnd } = props;
  const listRef = useRef<HTMLUListElement>(null);
  const [offset, setOffset] = useState(0);
  // Where the list starts inside the scroller (below the pinned ones and its heading).
  useLayoutEffect(() => setOffset(listRef.current?.offsetTop ?? 0), [rowsAbove]);

  const virtualizer = useVirtualizer({
    count: conversations.length,
    getScrollElement: () => scrollRef.current,
    getItemKey: (i) => conversations[i]!.id,
    estimateSize: () => ROW_PX,
    gap: GAP_PX,
    overscan: 8,
    scrollMargin: offset,
  });

  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (onNearEnd && lastShown >= conversations.length - NEAR_END_ROWS) onNearEnd();
  }, [lastShown, conversations.length, onNearEnd]);

  return (
    <ul
      ref={listRef}
      className="conversation-list is-virtual"
      aria-labelledby={labelledBy}
      style={{ height: virtualizer.getTotalSize() }}
    >
      {items.map((item) =>
        row(conversations[item.index]!, {
          ref: virtualizer.measureElement,
          index: item.index,
          top: item.start - virtualizer.options.scrollMargin,
        }),
      )}
    </ul>
  );
}
