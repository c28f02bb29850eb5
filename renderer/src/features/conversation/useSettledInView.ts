// The costly parts of a timeline row (an e-mail's HTML frame, the signed links and thumbnails of its
// files) wait until the row has stayed on screen for a moment. Scrolling fast through thousands of events
// then mounts only cheap placeholders of the same size, and nothing is fetched for rows that flew past.
import { useEffect, useState, type RefObject } from 'react';

/** How long a row stays in view before its costly parts mount: longer than a frame of a fast scroll. */
const SETTLE_MS = 150;

/** True once the element has been in view for `settleMs` without a break; stays true after that. */
export function useSettledInView(ref: RefObject<Element | null>, settleMs = SETTLE_MS): boolean {
  // Without IntersectionObserver (jsdom) there is no way to tell: everything counts as seen.
  const [settled, setSettled] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (settled || !element) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Clipping by the timeline's scroller counts: rows rendered in the overscan are not "in view".
    const observer = new IntersectionObserver(([entry]) => {
      clearTimeout(timer);
      if (entry?.isIntersecting) timer = setTimeout(() => setSettled(true), settleMs);
    });
    observer.observe(element);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [ref, settled, settleMs]);
  return settled;
}
