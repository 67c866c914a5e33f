import { useEffect, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useStore } from 'zustand';
import type { Message } from '../../../shared/api/schemas/messages';
import type { MessageTree } from '../../../shared/tree';
import { useStores } from '../stores/context';
import type { Reveal } from '../stores/search';
import { ArrowDownIcon } from './chatIcons';
import { MessageView } from './MessageView';
import { versionInfos } from './versionInfo';

/** Within this many pixels of the end counts as "at the end": the list keeps following. */
const AT_END_PX = 48;
/** Between messages, and above the first / below the last (matches chat.css). */
const GAP_PX = 22;
const PADDING_TOP_PX = 28;
const PADDING_BOTTOM_PX = 16;

/**
 * The conversation so far, virtualised: only the messages near the viewport are in
 * the page (a conversation of hundreds of long replies scrolls and streams like a
 * short one), each measured as it renders. While the reader is at the end it stays
 * there as a reply grows or a new one starts; once they scroll up it leaves them
 * where they are and offers "Jump to latest".
 *
 * It shows the shown branch of the conversation's tree. A row is keyed by its place
 * in the tree (the message it answers), not by the message: switching to another
 * version keeps the row, its switcher and the keyboard focus on it.
 *
 * It is a `log`, so screen readers announce what is appended. Mount one per
 * conversation (keyed by its id) so sizes measured for one are not reused for another.
 */
export function MessageList({ messages, tree }: { messages: Message[]; tree: MessageTree<Message> }) {
  const { chat, search } = useStores();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);
  const versions = useMemo(() => versionInfos(tree, messages), [tree, messages]);

  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    getItemKey: (i) => placeOf(messages[i]!, tree),
    estimateSize: (i) => estimateHeight(messages[i]!),
    overscan: 3,
    gap: GAP_PX,
    paddingStart: PADDING_TOP_PX,
    paddingEnd: PADDING_BOTTOM_PX,
    // Chat semantics: at the end, a growing last message or a new one keeps the end in view.
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: AT_END_PX,
  });

  // A conversation opens at its newest message, or at the search result it was opened for.
  const reveal = useStore(search, (s) => s.reveal);
  const revealIndex = reveal ? messages.findIndex((m) => m.id === reveal.messageId) : -1;
  const revealed = useRef<Reveal | null>(null);
  useEffect(() => {
    if (revealIndex < 0) virtualizer.scrollToEnd();
  }, [virtualizer]); // eslint-disable-line react-hooks/exhaustive-deps -- only when the list opens
  useEffect(() => {
    if (!reveal || revealIndex < 0 || revealed.current === reveal) return;
    revealed.current = reveal;
    setAtEnd(revealIndex === messages.length - 1);
    virtualizer.scrollToIndex(revealIndex, { align: 'center' });
  }, [reveal, revealIndex]); // eslint-disable-line react-hooks/exhaustive-deps -- once per result opened

  // Up in the composer asks to edit the last user message: bring it into view first,
  // it may be scrolled out of the page.
  const editingId = useStore(chat, (s) => s.editingId);
  useEffect(() => {
    if (editingId === null) return;
    const index = messages.findIndex((m) => m.id === editingId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [editingId]); // eslint-disable-line react-hooks/exhaustive-deps -- only when editing starts

  // Whether to offer "Jump to latest": only the reader's scrolling decides it, since
  // a growing reply is followed by the list itself while at the end.
  useEffect(() => {
    const el = scrollRef.current!;
    const onScroll = () => setAtEnd(el.scrollHeight - el.scrollTop - el.clientHeight <= AT_END_PX);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  const items = virtualizer.getVirtualItems();
  const lastIndex = messages.length - 1;
  return (
    <div className="message-list">
      <div className="message-scroller" ref={scrollRef}>
        <div
          className="messages"
          role="log"
          aria-label="Messages"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const m = messages[item.index]!;
            return (
              <div
                key={item.key as string}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className={`message-row${item.index === lastIndex ? ' is-last' : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <MessageView message={m} versions={versions[item.index]!} />
              </div>
            );
          })}
        </div>
      </div>
      {!atEnd && (
        <button
          type="button"
          className="jump-to-latest"
          onClick={() => {
            virtualizer.scrollToEnd();
            setAtEnd(true);
          }}
        >
          <ArrowDownIcon />
          <span>Jump to latest</span>
        </button>
      )}
    </div>
  );
}

/** A message's place in the tree: the message it answers (versions share it). */
function placeOf(m: Message, tree: MessageTree<Message>): string {
  return m.parentId !== null && tree.byId.has(m.parentId) ? `after:${m.parentId}` : 'first';
}

/** Estimates by message object: the virtualiser asks again on every re-measure. */
const estimates = new WeakMap<Message, number>();

/** A first guess at a message's height before it is measured: about a line per 90 characters. */
function estimateHeight(m: Message): number {
  let estimate = estimates.get(m);
  if (estimate === undefined) estimates.set(m, (estimate = guessHeight(m)));
  return estimate;
}

function guessHeight(m: Message): number {
  let chars = 0;
  for (const p of m.parts) if (p.type === 'text') chars += p.text.length;
  const lines = Math.max(1, Math.ceil(chars / 90));
  return 40 + lines * 25 + (m.role === 'assistant' ? 34 : 0);
}
