// The composer's "/": typing "/" at the start of a word opens the approved templates for the reply's
// channel, filtered by what follows ("/брон" finds the reservation notice); arrows move, Enter inserts
// the template filled with the conversation's customer, Escape closes. Focus stays in the text: the list
// is tied to it with aria-controls and aria-activedescendant. Values the customer lacks stay in the text
// as visible {{placeholders}}, and the inserted template says which.
import { useCallback, useEffect, useId, useState, type KeyboardEvent, type ReactNode, type RefObject, type SyntheticEvent } from 'react';
import type { TemplateSummary } from '../../../../common/api/templates.ts';
import type { Channel } from '../../../../common/domain/enums.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub, useHubEvent } from '../../app/context.tsx';
import { filterTemplates, insertLocale, replaceRange, slashQueryAt, type SlashQuery } from './slashQuery.ts';
import { InsertAnnouncement, TemplatePicker, type InsertOutcome } from './TemplatePicker.tsx';

export interface TemplateInsertOptions {
  textarea: RefObject<HTMLTextAreaElement | null>;
  body: string;
  subject: string;
  /** null: no reply channel (or a note) — "/" is then plain text. */
  channel: Channel | null;
  customerId: string;
  conversationId: string;
  apply: (patch: { body: string; subject?: string }) => void;
}

type ListState = { status: 'loading' } | { status: 'ok'; items: TemplateSummary[] } | { status: 'error'; error: AppError };

export function useTemplateInsert({ textarea, body, subject, channel, customerId, conversationId, apply }: TemplateInsertOptions) {
  const hub = useHub();
  const listboxId = useId();
  const [slash, setSlash] = useState<SlashQuery | null>(null);
  /** Where the "/" was that Escape closed: the list stays shut while the agent keeps typing that word. */
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [changes, setChanges] = useState(0);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<InsertOutcome | null>(null);

  const open = channel !== null && slash !== null && slash.start !== dismissedAt;
  useHubEvent('templates.changed', () => setChanges((n) => n + 1));

  useEffect(() => {
    if (!open || !channel) return;
    let cancelled = false;
    void hub.call('template.list', { channel }).then((result) => {
      if (cancelled) return;
      setList(result.ok ? { status: 'ok', items: result.data } : { status: 'error', error: result.error });
    });
    return () => {
      cancelled = true;
    };
  }, [hub, open, channel, changes]);

  const matches = open && list.status === 'ok' ? filterTemplates(list.items, slash.query) : [];
  const activeIndex = Math.min(active, Math.max(0, matches.length - 1));

  const onCaret = useCallback((event: SyntheticEvent<HTMLTextAreaElement>) => {
    const el = event.currentTarget;
    const next = slashQueryAt(el.value, el.selectionStart ?? el.value.length);
    setSlash((previous) => {
      if (previous?.query !== next?.query || previous?.start !== next?.start) setActive(0);
      return next;
    });
    if (next === null) setDismissedAt(null);
  }, []);

  const insert = async (template: TemplateSummary) => {
    if (!slash || !channel || busy) return;
    const locale = insertLocale(template, channel);
    if (!locale) return;
    setBusy(true);
    const result = await hub.call('template.render', { templateId: template.id, customerId, conversationId, channel, locale });
    setBusy(false);
    if (!result.ok) {
      setOutcome({ kind: 'error', error: result.error });
      return;
    }
    const rendered = result.data;
    const next = replaceRange(body, slash, rendered.body.text);
    apply({ body: next.text, ...(rendered.subject && !subject.trim() ? { subject: rendered.subject.text } : {}) });
    setSlash(null);
    setOutcome({ kind: 'inserted', name: template.name, missing: rendered.missing });
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(next.caret, next.caret);
    });
  };

  /** True when the key belonged to the open list (the composer then ignores it). */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    if (event.key === 'Escape') {
      setDismissedAt(slash.start);
    } else if (event.key === 'ArrowDown' && matches.length > 0) {
      setActive((activeIndex + 1) % matches.length);
    } else if (event.key === 'ArrowUp' && matches.length > 0) {
      setActive((activeIndex - 1 + matches.length) % matches.length);
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && !event.shiftKey && matches[activeIndex]) {
      void insert(matches[activeIndex]);
    } else {
      return false;
    }
    event.preventDefault();
    event.stopPropagation();
    return true;
  };

  const optionId = (index: number) => `${listboxId}-option-${index}`;
  const textareaProps = {
    // Input for what was typed, select for the caret moved by arrows or a click.
    onInput: onCaret,
    onSelect: onCaret,
    'aria-autocomplete': 'list' as const,
    'aria-controls': open ? listboxId : undefined,
    'aria-activedescendant': open && matches.length > 0 ? optionId(activeIndex) : undefined,
  };

  const picker: ReactNode = (
    <>
      {open ? (
        <TemplatePicker
          id={listboxId}
          optionId={optionId}
          query={slash.query}
          state={list.status === 'ok' ? { status: 'ok', items: matches } : list}
          activeIndex={activeIndex}
          busy={busy}
          onHover={setActive}
          onChoose={(template) => void insert(template)}
        />
      ) : null}
      <InsertAnnouncement outcome={outcome} onDismiss={() => setOutcome(null)} />
    </>
  );

  return { onKeyDown, textareaProps, picker };
}
