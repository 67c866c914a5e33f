import { useEffect, type RefObject } from 'react';

/** The name of the CSS custom highlight that marks search matches (`::highlight(search-match)`). */
export const SEARCH_HIGHLIGHT = 'search-match';

/**
 * Marks every occurrence of `terms` in an element's text with the CSS Custom Highlight
 * API: the rendered Markdown (React's DOM) is never touched, so the marks cannot break
 * it, and they follow it: whenever the element's content changes (the Markdown of a
 * long reply is parsed after its first paint) they are found again. Until unmounted
 * or the terms change.
 */
export function useSearchHighlight(ref: RefObject<HTMLElement | null>, terms: readonly string[] | null) {
  useEffect(() => {
    const el = ref.current;
    // Chromium has had the API since 105; elsewhere the message is only scrolled to.
    if (!el || !terms?.length || typeof Highlight === 'undefined') return;
    const mark = () => CSS.highlights.set(SEARCH_HIGHLIGHT, new Highlight(...rangesOf(el, terms)));
    mark();
    const observer = new MutationObserver(mark);
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      CSS.highlights.delete(SEARCH_HIGHLIGHT);
    };
  }, [ref, terms]);
}

/** The ranges of every case-insensitive occurrence of the terms in each text node. */
function rangesOf(root: HTMLElement, terms: readonly string[]): Range[] {
  const ranges: Range[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').toLowerCase();
    for (const term of terms) {
      for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) {
        const range = new Range();
        range.setStart(node, at);
        range.setEnd(node, at + term.length);
        ranges.push(range);
      }
    }
  }
  return ranges;
}
