// The editor's live preview: the variant being typed, filled on the hub with a chosen customer's real
// data (template.render with the draft text), each value highlighted and each missing one marked.
import { useEffect, useId, useState } from 'react';
import type { CustomerListItem } from '../../../../common/api/customers.ts';
import type { TemplateRendered } from '../../../../common/api/templates.ts';
import type { Result } from '../../../../common/result.ts';
import { useHub } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { errorText } from '../../ui/errors.ts';
import { Notice, Spinner } from '../../ui/States.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import type { VariantForm } from './editorModel.ts';
import { RenderedView } from './RenderedView.tsx';

const PREVIEW_DELAY_MS = 400;

/**
 * `templateId`: preview the template's approved version instead of the text (agents, who read the
 * library but may not render unsaved text).
 */
export function TemplatePreview({ variant, templateId = null }: { variant: VariantForm; templateId?: string | null }) {
  const { t } = useT();
  const hub = useHub();
  const ids = { search: useId(), customer: useId() };
  const [q, setQ] = useState('');
  const [customers, setCustomers] = useState<CustomerListItem[]>([]);
  const [customerId, setCustomerId] = useState('');
  const [held, setHeld] = useState<{ key: string; result: Result<TemplateRendered> } | null>(null);
  const query = useDebounced(q, PREVIEW_DELAY_MS);
  const text = useDebounced(variant, PREVIEW_DELAY_MS);
  const requestKey = JSON.stringify([customerId, text.channel, text.locale, text.subject, text.body]);

  useEffect(() => {
    if (!query.trim()) return;
    let cancelled = false;
    void hub.call('customer.list', { q: query, limit: 8 }).then((result) => {
      if (!cancelled && result.ok) setCustomers(result.data.items);
    });
    return () => {
      cancelled = true;
    };
  }, [hub, query]);

  useEffect(() => {
    if (!customerId || !text.body.trim()) return;
    let cancelled = false;
    const source = templateId ? { templateId } : { draft: { subject: text.channel === 'email' ? text.subject || null : null, body: text.body } };
    void hub.call('template.render', { ...source, customerId, channel: text.channel, locale: text.locale }).then((result) => {
      if (!cancelled) setHeld({ key: requestKey, result });
    });
    return () => {
      cancelled = true;
    };
  }, [hub, customerId, text, requestKey, templateId]);

  // The answer shown is the one for what is on screen now; until it comes, the preview is loading.
  const result = held?.key === requestKey ? held.result : null;

  return (
    <section className="template-preview" aria-label={t('templates:Preview.label')}>
      <div className="template-editor__actions">
        <label className="visually-hidden" htmlFor={ids.search}>
          {t('templates:Preview.search')}
        </label>
        <input id={ids.search} className="input input--small" type="search" placeholder={t('templates:Preview.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        <select id={ids.customer} className="input select input--small" aria-label={t('templates:Preview.customer')} value={customerId} onChange={(e) => setCustomerId(e.target.value)}>
          <option value="">{t('templates:Preview.chooseCustomer')}</option>
          {customers.map((c) => (
            <option key={c.id} value={c.id}>
              {c.fullName}
              {c.city ? ` · ${c.city}` : ''}
            </option>
          ))}
        </select>
      </div>
      {!customerId ? (
        <p className="muted small">{t('templates:Preview.hint')}</p>
      ) : !text.body.trim() ? null : !result ? (
        <p className="small" role="status">
          <Spinner /> {t('templates:Preview.loading')}
        </p>
      ) : !result.ok ? (
        <Notice tone="error">{errorText(t, result.error)}</Notice>
      ) : (
        <RenderedView rendered={result.data} />
      )}
    </section>
  );
}
