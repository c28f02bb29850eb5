// The agent's reserve panel, over the side of the open conversation: find the product, pick a store by
// its stock (nearest to the customer first), reserve and tell the customer — without leaving the call.
import { useEffect, useRef, useState } from 'react';
import type { ProductHit } from '../../../../common/api/catalog.ts';
import type { ReservationView } from '../../../../common/api/reservations.ts';
import { useT } from '../../app/i18n.ts';
import { Icon } from '../../ui/Icon.tsx';
import { ProductSearch } from './ProductSearch.tsx';
import { ReserveForm, type ReserveTarget } from './ReserveForm.tsx';
import { ReserveResult } from './ReserveResult.tsx';
import './reserve.css';

type Step = { kind: 'search' } | { kind: 'product'; product: ProductHit } | { kind: 'done'; reservation: ReservationView; notifyAsked: boolean };

export function ReservePanel({ id, customerName, target, onClose }: { id: string; customerName: string; target: ReserveTarget; onClose: () => void }) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'search' });
  const panel = useRef<HTMLElement>(null);

  // Each step starts where the agent types next.
  useEffect(() => {
    const first = panel.current?.querySelector<HTMLElement>(step.kind === 'search' ? 'input[type="search"]' : '.reserve__back');
    first?.focus();
  }, [step.kind]);

  return (
    <section
      ref={panel}
      id={id}
      className="reserve"
      aria-label={t('reservations:Reserve.title', { name: customerName })}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="reserve__header">
        {step.kind === 'search' ? null : (
          <button type="button" className="btn btn--ghost btn--small reserve__back" onClick={() => setStep({ kind: 'search' })}>
            <Icon name="back" /> {t('reservations:Reserve.back')}
          </button>
        )}
        <h2 className="reserve__title">{t('reservations:Reserve.title', { name: customerName })}</h2>
        <button type="button" className="btn btn--ghost btn--icon" onClick={onClose} aria-label={t('reservations:Reserve.close')} title={t('reservations:Reserve.close')}>
          <Icon name="close" />
        </button>
      </header>
      <div className="reserve__body">
        {step.kind === 'search' ? <ProductSearch text={text} onText={setText} onPick={(product) => setStep({ kind: 'product', product })} /> : null}
        {step.kind === 'product' ? (
          <ReserveForm product={step.product} target={target} onDone={(reservation, notifyAsked) => setStep({ kind: 'done', reservation, notifyAsked })} />
        ) : null}
        {step.kind === 'done' ? <ReserveResult reservation={step.reservation} notifyAsked={step.notifyAsked} onAnother={() => setStep({ kind: 'search' })} /> : null}
      </div>
    </section>
  );
}
