// Underlines behind a textarea: a copy of its text laid out the same way (font, padding, width, scroll)
// with the flagged runs marked by severity, under a textarea whose own background is transparent. The
// copy is hidden from assistive technology: the issue list says the same in words.
import { useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import type { LintIssue } from '../../../../common/api/voice.ts';
import { highlightRuns } from '../review/highlight.ts';
import { worstSeverity } from './issueView.ts';
import './voice.css';

const MIRRORED = [
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'lineHeight',
  'letterSpacing',
  'wordSpacing',
  'textIndent',
  'tabSize',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'boxSizing',
] as const;

function mirror(textarea: HTMLTextAreaElement, backdrop: HTMLDivElement) {
  const style = getComputedStyle(textarea);
  for (const property of MIRRORED) backdrop.style[property] = style[property];
  // A scrollbar narrows the textarea's text; the copy has none, so it gets the same width as padding.
  const borders = parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
  const scrollbar = Math.max(0, textarea.offsetWidth - textarea.clientWidth - borders);
  backdrop.style.paddingRight = `${parseFloat(style.paddingRight) + scrollbar}px`;
  backdrop.style.width = `${textarea.offsetWidth}px`;
  backdrop.style.height = `${textarea.offsetHeight}px`;
  backdrop.scrollTop = textarea.scrollTop;
}

export function VoiceField({ textarea, text, issues, children }: { textarea: RefObject<HTMLTextAreaElement | null>; text: string; issues: readonly LintIssue[]; children: ReactNode }) {
  const backdrop = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const area = textarea.current;
    const copy = backdrop.current;
    if (!area || !copy) return;
    const sync = () => mirror(area, copy);
    sync();
    const onScroll = () => {
      copy.scrollTop = area.scrollTop;
    };
    area.addEventListener('scroll', onScroll);
    // Resizing the textarea (its handle, or the pane) changes where lines wrap.
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(sync);
    observer?.observe(area);
    return () => {
      area.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, [textarea]);

  // The textarea grows and scrolls as the text changes: keep the copy in step on every render.
  useLayoutEffect(() => {
    if (textarea.current && backdrop.current) mirror(textarea.current, backdrop.current);
  });

  return (
    <div className="voice-field">
      <div ref={backdrop} className="voice-field__backdrop" aria-hidden="true">
        {highlightRuns(text, issues).map((run, index) => {
          const severity = worstSeverity(run.issues);
          return severity ? (
            <mark key={index} className={`voice-mark voice-mark--${severity}`}>
              {run.text}
            </mark>
          ) : (
            <span key={index}>{run.text}</span>
          );
        })}
        {/* A final line break needs something after it to take up its line, as it does in the textarea. */}
        {text.endsWith('\n') ? ' ' : null}
      </div>
      {children}
    </div>
  );
}
