// Settings → Channels (admins): every channel account as a card with its switch, health and traffic;
// add and edit accounts; and, in demo mode, send a test inbound message through a channel.
import { useEffect, useRef, useState } from 'react';
import type { ChannelAccountView } from '../../../../common/api/channelSettings.ts';
import type { Channel } from '../../../../common/domain/enums.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHub, useHubEvent, useHubQuery } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { errorText } from '../../ui/errors.ts';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import { Icon, type IconName } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading, Notice, Spinner } from '../../ui/States.tsx';
import { ChannelFormDialog } from './ChannelFormDialog.tsx';
import { ConnectionTest } from './ConnectionTest.tsx';
import { secretsFor } from './channelForms.ts';
import { SettingsTabs } from './SettingsTabs.tsx';
import { SimulateInbound } from './SimulateInbound.tsx';

export const channelIcon: Record<Channel, IconName> = { email: 'email', sms: 'sms', telegram: 'telegram', webchat: 'webchat', api: 'api' };

const kindOrder: Channel[] = ['email', 'sms', 'telegram', 'webchat', 'api'];

type Editing = { mode: 'create' } | { mode: 'edit'; account: ChannelAccountView } | null;

export function ChannelsPage() {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const query = useHubQuery('channel.list', {});
  const [editing, setEditing] = useState<Editing>(null);
  const [done, setDone] = useState<string | null>(null);
  const [rowError, setRowError] = useState<AppError | null>(null);
  usePageTitle(t('settings:Page.title'));
  useLiveCounts(query.refresh);

  const accounts = query.state.data;
  const replace = (account: ChannelAccountView) => {
    if (!accounts) return;
    const exists = accounts.some((a) => a.id === account.id);
    query.setData(exists ? accounts.map((a) => (a.id === account.id ? account : a)) : [...accounts, account]);
  };
  const openCreate = () => {
    setDone(null);
    setEditing({ mode: 'create' });
  };

  return (
    <div className="page settings">
      <header className="page__header">
        <div>
          <p className="page__eyebrow">{t('settings:Page.section')}</p>
          <h1>{t('settings:Page.title')}</h1>
          <p className="page__subtitle muted">{t('settings:Page.subtitle')}</p>
        </div>
        {accounts && accounts.length > 0 ? (
          <button type="button" className="btn btn--primary" onClick={openCreate}>
            <Icon name="plus" /> {t('settings:Page.add')}
          </button>
        ) : null}
      </header>
      <SettingsTabs />
      {done ? <Notice tone="success">{done}</Notice> : null}
      {rowError ? <Notice tone="error">{errorText(t, rowError)}</Notice> : null}
      {query.state.status === 'loading' ? (
        <Loading label={t('settings:Page.loading')} />
      ) : query.state.status === 'error' ? (
        <ErrorState error={query.state.error} onRetry={query.reload} title={t('settings:Page.loadError')} />
      ) : query.state.data.length === 0 ? (
        <div className="card">
          <EmptyState icon="inbox" title={t('settings:Page.empty')}>
            <p>{t('settings:Page.emptyBody')}</p>
            <button type="button" className="btn btn--primary" onClick={openCreate}>
              <Icon name="plus" /> {t('settings:Page.add')}
            </button>
          </EmptyState>
        </div>
      ) : (
        <ul className="channel-list" aria-label={t('settings:Page.listLabel')}>
          {[...query.state.data]
            .sort((a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.name.localeCompare(b.name, locale))
            .map((account) => (
              <li key={account.id}>
                <ChannelCard
                  account={account}
                  onChanged={(next) => {
                    replace(next);
                    setRowError(null);
                    setDone(next.enabled ? t('settings:Card.enabled', { name: next.name }) : t('settings:Card.disabled', { name: next.name }));
                  }}
                  onError={(error) => {
                    setDone(null);
                    setRowError(error);
                  }}
                  onEdit={() => {
                    setDone(null);
                    setEditing({ mode: 'edit', account });
                  }}
                  onTested={query.refresh}
                />
              </li>
            ))}
        </ul>
      )}

      {accounts && accounts.length > 0 ? <SimulateInbound accounts={accounts} /> : null}

      {editing ? (
        <ChannelFormDialog
          account={editing.mode === 'edit' ? editing.account : null}
          onClose={() => setEditing(null)}
          onSaved={(account) => {
            replace(account);
            setRowError(null);
            setDone(editing.mode === 'create' ? t('settings:Form.created', { name: account.name }) : t('settings:Form.updated', { name: account.name }));
            setEditing(null);
          }}
        />
      ) : null}
    </div>
  );
}

/** Traffic moves the counts and the last-sync time: refetch (at most once a second) when messages flow. */
function useLiveCounts(refresh: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const schedule = () => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      refresh();
    }, 1000);
  };
  useHubEvent('message.received', schedule);
  useHubEvent('message.status', schedule);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
}

function ChannelCard({
  account,
  onChanged,
  onError,
  onEdit,
  onTested,
}: {
  account: ChannelAccountView;
  onChanged: (account: ChannelAccountView) => void;
  onError: (error: AppError) => void;
  onEdit: () => void;
  /** A test of a saved account sets or clears its last error: the card refetches to show it. */
  onTested: () => void;
}) {
  const { t, i18n } = useT();
  const hub = useHub();
  const locale = currentLocale(i18n);
  const titleId = `channel-${account.id}-title`;
  const status: 'ok' | 'error' | 'off' = account.lastError ? 'error' : account.enabled ? 'ok' : 'off';
  const secrets = secretsFor(account.kind, account);

  return (
    <article className={`card channel-card${account.enabled ? '' : ' is-off'}`} aria-labelledby={titleId}>
      <header className="channel-card__head">
        <span className={`channel-card__icon channel-card__icon--${account.kind}`}>
          <Icon name={channelIcon[account.kind]} size={20} />
        </span>
        <div className="channel-card__title">
          <h2 id={titleId}>{account.name}</h2>
          <span className="muted small">{t(`settings:Kind.${account.kind}`)}</span>
        </div>
        <EnabledSwitch account={account} onChanged={onChanged} onError={onError} />
      </header>

      <div className="channel-card__status">
        {status === 'ok' ? (
          <span className="badge badge--ok">
            <Icon name="check" /> {t('settings:Card.statusOk')}
          </span>
        ) : status === 'off' ? (
          <span className="badge badge--neutral">{t('settings:Card.statusOff')}</span>
        ) : (
          <div className="channel-card__error" role="group" aria-label={t('settings:Card.statusError')}>
            <span className="badge badge--danger">
              <Icon name="alert" />{' '}
              {account.lastErrorAt ? t('settings:Card.errorAt', { time: formatDateTime(account.lastErrorAt, locale) }) : t('settings:Card.statusError')}
            </span>
            <p className="channel-card__error-text">{account.lastError}</p>
          </div>
        )}
      </div>

      <dl className="channel-card__facts">
        <div>
          <dt>{t('settings:Card.lastSync')}</dt>
          <dd>{account.lastSyncAt ? formatDateTime(account.lastSyncAt, locale) : <span className="muted">{t('settings:Card.never')}</span>}</dd>
        </div>
        <div>
          <dt>{t('settings:Card.secrets')}</dt>
          <dd className="channel-card__secrets">
            {secrets.length === 0 ? (
              <span className="muted">{t('settings:Card.noSecrets')}</span>
            ) : (
              secrets.map((secret) => {
                const isSet = account.secretsSet.includes(secret.name);
                const label = secret.label === 'otherSecret' ? t('settings:Field.otherSecret', { name: secret.name }) : t(`settings:Field.${secret.label}`);
                return (
                  <span key={secret.name} className={`badge ${isSet ? 'badge--ok' : 'badge--warn'}`}>
                    <Icon name={isSet ? 'lock' : 'alert'} /> {label}: {isSet ? t('settings:Card.secretSet') : t('settings:Card.secretNotSet')}
                  </span>
                );
              })
            )}
          </dd>
        </div>
      </dl>

      <dl className="channel-card__counts">
        <div>
          <dt>{t('settings:Card.inbound')}</dt>
          <dd>{formatNumber(account.counts.inbound, locale)}</dd>
        </div>
        <div>
          <dt>{t('settings:Card.outbound')}</dt>
          <dd>{formatNumber(account.counts.outbound, locale)}</dd>
        </div>
        <div className={account.counts.failed > 0 ? 'is-bad' : undefined}>
          <dt>{t('settings:Card.failed')}</dt>
          <dd>{formatNumber(account.counts.failed, locale)}</dd>
        </div>
      </dl>

      <footer className="channel-card__actions">
        {account.kind === 'api' ? null : (
          <ConnectionTest
            label={t('settings:Test.buttonFor', { name: account.name })}
            run={async () => {
              const result = await hub.call('channel.test', { id: account.id });
              onTested();
              return result;
            }}
          />
        )}
        <button type="button" className="btn btn--small" onClick={onEdit} aria-label={t('settings:Card.editAccount', { name: account.name })}>
          <Icon name="edit" /> {t('settings:Card.edit')}
        </button>
      </footer>
    </article>
  );
}

function EnabledSwitch({
  account,
  onChanged,
  onError,
}: {
  account: ChannelAccountView;
  onChanged: (account: ChannelAccountView) => void;
  onError: (error: AppError) => void;
}) {
  const { t } = useT();
  const hub = useHub();
  const [busy, setBusy] = useState(false);
  return (
    <div className="switch-wrap">
      <span className="switch__text" aria-hidden="true">
        {busy ? <Spinner size={12} /> : null} {account.enabled ? t('settings:Card.on') : t('settings:Card.off')}
      </span>
      <button
        type="button"
        role="switch"
        className="switch"
        aria-checked={account.enabled}
        aria-label={t('settings:Card.enable', { name: account.name })}
        aria-busy={busy}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          const result = await hub.call('channel.setEnabled', { id: account.id, enabled: !account.enabled });
          setBusy(false);
          if (result.ok) onChanged(result.data);
          else onError(result.error);
        }}
      >
        <span className="switch__thumb" aria-hidden="true" />
      </button>
    </div>
  );
}
