// Small pieces of the customer screens.
import type { IdentityView } from '../../../../common/api/customers.ts';
import { formatPhone } from '../../../../common/domain/contacts.ts';
import type { IdentityKind, LoyaltyTier } from '../../../../common/domain/enums.ts';
import { useT } from '../../app/i18n.ts';
import { Icon } from '../../ui/Icon.tsx';

export function TierBadge({ tier }: { tier: LoyaltyTier }) {
  const { t } = useT();
  return <span className={`badge tier tier--${tier}`}>{t(`customers:Loyalty.tier.${tier}`)}</span>;
}

export function IdentityKindLabel({ kind }: { kind: IdentityKind }) {
  const { t } = useT();
  return (
    <span className="identity__kind">
      <Icon name={kind} />
      <span>{t(`customers:Identity.kind.${kind}`)}</span>
    </span>
  );
}

/** A phone shown as "+7 912 345-67-89" when the hub sent it in full; masked values as they came. */
export function identityDisplay(identity: Pick<IdentityView, 'kind' | 'value' | 'masked'>): string {
  if (identity.kind === 'phone' && !identity.masked) return formatPhone(identity.value);
  if (identity.kind === 'loyalty_card' && !identity.masked) return identity.value.replace(/(\d{4})(?=\d)/g, '$1 ');
  return identity.value;
}

export function IdentityFlags({ identity }: { identity: IdentityView }) {
  const { t } = useT();
  return (
    <span className="identity__flags">
      {identity.preferred ? (
        <span className="badge badge--accent">
          <Icon name="star" /> {t('customers:Identity.flag.preferred')}
        </span>
      ) : null}
      {identity.verified ? (
        <span className="badge badge--ok">
          <Icon name="verified" /> {t('customers:Identity.flag.verified')}
        </span>
      ) : null}
      {identity.optedOut ? (
        <span className="badge badge--warn">
          <Icon name="bellOff" /> {t('customers:Identity.flag.optedOut')}
        </span>
      ) : null}
      {identity.blocked ? (
        <span className="badge badge--danger">
          <Icon name="ban" /> {t('customers:Identity.flag.blocked')}
        </span>
      ) : null}
    </span>
  );
}
