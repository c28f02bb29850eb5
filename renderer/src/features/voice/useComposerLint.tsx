// Live brand-voice lint for the composer: the reply is linted on every keystroke with the rule set in
// force (compiled once per version, reloaded when a supervisor saves a new one), the findings are
// underlined behind the text and listed under it with one-click fixes, F8 / Shift+F8 walk through them,
// and a reply with an error-level finding goes out only with the agent's reason for it. Notes are not
// linted: the customer never reads them.
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import type { SendReplyInput } from '../../../../common/api/desk.ts';
import type { LintIssue } from '../../../../common/api/voice.ts';
import type { VoiceBlock } from '../../../../common/api/voiceRules.ts';
import type { Channel } from '../../../../common/domain/enums.ts';
import { applyFix } from '../../../../common/domain/voice/lint.ts';
import { textLocale } from '../../../../common/domain/voice/textLocale.ts';
import { useT } from '../../app/i18n.ts';
import { IssueList } from './IssueList.tsx';
import { JustificationDialog } from './JustificationDialog.tsx';
import { useVoiceRules } from './useVoiceRules.ts';

interface Options {
  textarea: RefObject<HTMLTextAreaElement | null>;
  body: string;
  /** The reply's channel; null for a note. */
  channel: Channel | null;
  setBody: (body: string) => void;
}

interface Pending<I> {
  input: I;
  /** The text the issues' offsets point into (the hub lints the reply trimmed). */
  text: string;
  /** The version the issues come from, sent with the reason. */
  ruleSetVersion: number;
  issues: readonly LintIssue[];
  proceed: (input: I) => void;
  /** The hub held a reply already taken out of the composer: cancelling puts its text back. */
  restoreOnCancel: boolean;
}

export interface ComposerLint {
  /** The reply's findings (none for a note), for the underlines behind the textarea (see VoiceField). */
  issues: LintIssue[];
  panel: ReactNode;
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** The reply with the rule-set version the agent saw. */
  stamp: <I extends SendReplyInput>(input: I) => I;
  /** Asks for a reason when the reply has an error-level finding; true when it did (`proceed` follows). */
  hold: <I extends SendReplyInput>(input: I, proceed: (input: I) => void) => boolean;
  /** The hub held the reply (the desk linted with older rules, or not at all): ask for a reason now. */
  heldByHub: <I extends SendReplyInput>(block: VoiceBlock, input: I, proceed: (input: I) => void) => void;
}

export function useComposerLint({ textarea, body, channel, setBody }: Options): ComposerLint {
  const { t } = useT();
  const rules = useVoiceRules();
  const { linter, ruleSet } = rules;
  const issues = useMemo(() => (linter && channel && body ? linter(body, { channel, locale: textLocale(body) }) : []), [linter, channel, body]);
  const errors = issues.filter((issue) => issue.severity === 'error');
  const [pending, setPending] = useState<Pending<SendReplyInput> | null>(null);

  // A fix sets the caret once React has put the new text in the textarea.
  const caretAfterFix = useRef<number | null>(null);
  useLayoutEffect(() => {
    const area = textarea.current;
    const caret = caretAfterFix.current;
    if (!area || caret === null) return;
    caretAfterFix.current = null;
    area.focus();
    area.setSelectionRange(caret, caret);
  });
  const select = (issue: Pick<LintIssue, 'start' | 'end'>) => {
    textarea.current?.focus();
    textarea.current?.setSelectionRange(issue.start, issue.end);
  };
  const fix = (issue: LintIssue) => {
    if (!issue.fix) return;
    caretAfterFix.current = issue.fix.start + issue.fix.replacement.length;
    setBody(applyFix(body, issue.fix));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'F8' || issues.length === 0) return false;
    event.preventDefault();
    const caret = event.currentTarget.selectionStart;
    const next = event.shiftKey ? issues.findLast((issue) => issue.start < caret) ?? issues.at(-1) : issues.find((issue) => issue.start > caret) ?? issues[0];
    if (next) select(next);
    return true;
  };

  const stamp = <I extends SendReplyInput>(input: I): I => (ruleSet ? { ...input, voice: { ruleSetVersion: ruleSet.version } } : input);

  // One dialog at a time; `proceed` gets back the caller's own input type, which the dialog only extends with `voice`.
  const ask = <I extends SendReplyInput>(next: Pending<I>) => setPending(next as unknown as Pending<SendReplyInput>);
  const hold = <I extends SendReplyInput>(input: I, proceed: (input: I) => void) => {
    if (errors.length === 0 || !ruleSet || input.voice?.justification) return false;
    ask({ input, text: input.body, ruleSetVersion: ruleSet.version, issues: errors, proceed, restoreOnCancel: false });
    return true;
  };
  const heldByHub = <I extends SendReplyInput>(block: VoiceBlock, input: I, proceed: (input: I) => void) =>
    ask({ input, text: input.body.trim(), ruleSetVersion: block.ruleSetVersion, issues: block.issues, proceed, restoreOnCancel: true });

  const panel = (
    <>
      {channel && rules.status === 'error' ? (
        <p className="voice-issues__summary small muted" role="status">
          {t('voice:Composer.unavailable')}{' '}
          <button type="button" className="btn btn--ghost btn--small" onClick={rules.reload}>
            {t('common:Action.retry')}
          </button>
        </p>
      ) : null}
      {channel && linter && body ? <IssueList text={body} issues={issues} onSelect={select} onFix={fix} /> : null}
      {pending ? (
        <JustificationDialog
          text={pending.text}
          issues={pending.issues}
          onCancel={() => {
            setPending(null);
            if (pending.restoreOnCancel && body === '') setBody(pending.input.body);
          }}
          onJustified={(justification) => {
            const { input, ruleSetVersion, proceed } = pending;
            setPending(null);
            proceed({ ...input, voice: { ruleSetVersion, justification } });
          }}
        />
      ) : null}
    </>
  );

  return { issues, panel, onKeyDown, stamp, hold, heldByHub };
}
