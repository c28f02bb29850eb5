// A rendered template as the customer would read it: filled values highlighted, missing ones marked (and
// named for screen readers), with what an SMS costs and whether the text is over its channel's limit.
import type { RenderedText, TemplateRendered } from '../../../../common/api/templates.ts';
import { CHANNEL_LIMITS } from '../../../../common/domain/templates/limits.ts';
import { useT } from '../../app/i18n.ts';
import { Notice } from '../../ui/States.tsx';

function Segments({ text }: { text: RenderedText }) {
  const { t } = useT();
  return (
    <>
      {text.segments.map((segment, index) =>
        segment.missing ? (
          <mark key={index} className="template-preview__missing" title={t('templates:Preview.missingValue', { variable: segment.variable })}>
            {segment.text}
            <span className="visually-hidden"> ({t('templates:Preview.missingValue', { variable: segment.variable })})</span>
          </mark>
        ) : segment.variable ? (
          <span key={index} className="template-preview__value">
            {segment.text}
          </span>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}

export function RenderedView({ rendered }: { rendered: TemplateRendered }) {
  const { t } = useT();
  return (
    <div className="template-preview__result">
      {rendered.subject ? (
        <p className="template-preview__text">
          <strong>{t('templates:Editor.subject')}: </strong>
          <Segments text={rendered.subject} />
        </p>
      ) : null}
      <p className="template-preview__text">
        <Segments text={rendered.body} />
      </p>
      {rendered.sms ? (
        <p className="muted small">{t('templates:Editor.smsCounter', { encoding: rendered.sms.encoding, count: rendered.sms.segments, chars: rendered.sms.chars, max: CHANNEL_LIMITS.sms.max })}</p>
      ) : null}
      {rendered.missing.length > 0 ? (
        <Notice tone="warning">{t('templates:Preview.missing', { count: rendered.missing.length, list: rendered.missing.map((v) => `{{${v}}}`).join(', ') })}</Notice>
      ) : null}
      {rendered.overLimit ? <Notice tone="error">{t('templates:Preview.overLimit')}</Notice> : null}
    </div>
  );
}
