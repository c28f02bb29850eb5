// "Try it": a sample reply linted with the rules as edited, before they are saved — the same underlines,
// list and fixes an agent will see.
import { useId, useMemo, useRef, useState } from 'react';
import type { LintIssue, VoiceRule } from '../../../../../common/api/voice.ts';
import { Channel } from '../../../../../common/domain/enums.ts';
import { applyFix, compileRules } from '../../../../../common/domain/voice/lint.ts';
import { textLocale } from '../../../../../common/domain/voice/textLocale.ts';
import { useT } from '../../../app/i18n.ts';
import { SelectField } from '../../../ui/Field.tsx';
import { IssueList } from '../IssueList.tsx';
import { VoiceField } from '../VoiceField.tsx';

export function TryIt({ rules }: { rules: readonly VoiceRule[] }) {
  const { t } = useT();
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [channel, setChannel] = useState<Channel>('email');
  const linter = useMemo(() => compileRules(rules), [rules]);
  const issues = useMemo(() => (text ? linter(text, { channel, locale: textLocale(text) }) : []), [linter, text, channel]);

  const select = (issue: Pick<LintIssue, 'start' | 'end'>) => {
    textarea.current?.focus();
    textarea.current?.setSelectionRange(issue.start, issue.end);
  };

  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('voice:Try.title')}</h2>
      <p className="muted">{t('voice:Try.hint')}</p>
      <SelectField label={t('voice:Try.channel')} value={channel} onChange={(e) => setChannel(Channel.parse(e.target.value))}>
        {Channel.options.map((option) => (
          <option key={option} value={option}>
            {t(`conversation:Channel.${option}`)}
          </option>
        ))}
      </SelectField>
      <label htmlFor={`${id}-text`} className="field__label">
        {t('voice:Try.text')}
      </label>
      <VoiceField textarea={textarea} text={text} issues={issues}>
        <textarea ref={textarea} id={`${id}-text`} className="input textarea" rows={4} value={text} placeholder={t('voice:Try.placeholder')} onChange={(e) => setText(e.target.value)} />
      </VoiceField>
      {text ? <IssueList text={text} issues={issues} onSelect={select} onFix={(issue) => issue.fix && setText(applyFix(text, issue.fix))} /> : null}
    </section>
  );
}
