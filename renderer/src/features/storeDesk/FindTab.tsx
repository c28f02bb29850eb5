// A caller at the counter: their reservation in this store by its code or the last four digits of their phone.
import { useState, type FormEvent } from 'react';
import type { ReservationView } from '../../../../common/api/reservations.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { errorText } from '../../ui/errors.ts';
import { TextField } from '../../ui/Field.tsx';
import { Icon } from '../../ui/Icon.tsx';
import { EmptyState, Notice, Spinner } from '../../ui/States.tsx';
import { ReservationCard } from './ReservationCard.tsx';

type Found = { query: string; items: ReservationView[] };

export function FindTab({ storeId }: { storeId: string }) {
  const { t } = useT();
  const hub = useHub();
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<Found | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [tooShort, setTooShort] = useState(false);

  const find = async (text: string) => {
    setBusy(true);
    setError(null);
    const result = await hub.call('reservation.find', { storeId, query: text });
    setBusy(false);
    if (result.ok) setFound({ query: text, items: result.data });
    else setError(result.error);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = query.trim();
    setTooShort(text.length < 4);
    if (text.length >= 4) void find(text);
  };

  const changed = (next: ReservationView) => setFound((f) => f && { ...f, items: f.items.map((r) => (r.id === next.id ? next : r)) });

  return (
    <div className="stack">
      <form className="store-find" onSubmit={submit} role="search" noValidate>
        <TextField
          label={t('reservations:Find.label')}
          hint={t('reservations:Find.hint')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          error={tooShort ? t('reservations:Find.tooShort') : undefined}
          autoComplete="off"
          inputMode="text"
          maxLength={20}
        />
        <button type="submit" className="btn btn--primary store-find__submit" disabled={busy} aria-busy={busy}>
          {busy ? <Spinner /> : <Icon name="search" />} {t('reservations:Find.submit')}
        </button>
      </form>
      {error ? <Notice tone="error">{errorText(t, error)}</Notice> : null}
      {found && found.items.length === 0 ? <EmptyState icon="search" title={t('reservations:Find.nothing', { query: found.query })} /> : null}
      {found && found.items.length > 0 ? (
        <ul className="store-cards" aria-label={t('reservations:Find.results')}>
          {found.items.map((reservation) => (
            <li key={reservation.id}>
              <ReservationCard reservation={reservation} onChanged={changed} onConflict={() => void find(found.query)} />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
