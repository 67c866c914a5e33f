import { useLayoutEffect, useRef, useState, type ReactElement, type RefObject } from 'react';
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
}

/**
 * The sidebar's list of chats, virtualised: only the rows near the view are in the page,
 * so a library of 20,000 conversations costs the DOM, layout and memory of a screenful.
 * It is still one <ul> of <li>s, positioned inside the list's full height.
 */
export function VirtualConversationList({ conversations, scrollRef, labelledBy, rowsAbove, row }: Props) {
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

  return (
    <ul
      ref={listRef}
      className="conversation-list is-virtual"
      aria-labelledby={labelledBy}
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((item) =>
        row(conversations[item.index]!, {
          ref: virtualizer.measureElement,
          index: item.index,
          top: item.start - virtualizer.options.scrollMargin,
        }),
      )}
    </ul>
  );
}
