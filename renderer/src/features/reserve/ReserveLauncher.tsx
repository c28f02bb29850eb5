// The conversation header's "Reserve" button and its shortcut (B): opens the reserve panel for this customer.
import { useId, useRef, useState } from 'react';
import { useCan } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { useShortcut } from '../../app/shortcuts.ts';
import { Icon } from '../../ui/Icon.tsx';
import { ReservePanel } from './ReservePanel.tsx';

export const RESERVE_SHORTCUT = 'b';

export function ReserveLauncher({ customerId, customerName, conversationId }: { customerId: string; customerName: string; conversationId: string }) {
  const { t } = useT();
  const canReserve = useCan('reservations.create');
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);

  useShortcut(RESERVE_SHORTCUT, () => setOpen(true), t('reservations:Reserve.shortcut'), { enabled: canReserve });

  if (!canReserve) return null;
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="btn btn--small"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-keyshortcuts="B"
        onClick={() => (open ? close() : setOpen(true))}
      >
        <Icon name="bag" /> {t('reservations:Reserve.open')}
      </button>
      {open ? <ReservePanel id={panelId} customerName={customerName} target={{ customerId, conversationId }} onClose={close} /> : null}
    </>
  );
}
