// Editing a customer: every phone and e-mail normalised and checked before anything is written, a
// concurrent edit refused instead of overwritten, the change audited and announced to other desks.
import type { z } from 'zod';
import type { CustomerDetail } from '../../../../common/api/customers.ts';
import type { CustomerUpdateInput } from '../../../../common/api/customers.ts';
import { normalizeIdentity } from '../../../../common/domain/contacts.ts';
import type { FieldError } from '../../../../common/result.ts';
import { customerSearchName } from '../../../../common/domain/text.ts';
import type { Db } from '../../db/client.ts';
import { notFound, ServiceError } from '../../errors.ts';
import { audit } from '../audit/audit.ts';
import type { Viewer } from '../auth/viewer.ts';
import { getCustomer } from './customerDetail.ts';

type Input = z.output<typeof CustomerUpdateInput>;

const EDITABLE_KINDS = ['email', 'phone'];

export async function updateCustomer(db: Db, viewer: Viewer, input: Input): Promise<CustomerDetail> {
  const fields: FieldError[] = [];
  const identities = input.identities.map((identity, index) => {
    const normalized = normalizeIdentity(identity.kind, identity.value);
    if (!normalized) fields.push({ path: `identities.${index}.value`, message: identity.kind === 'phone' ? 'invalid phone number' : 'invalid email address' });
    return { ...identity, normalized: normalized ?? '', index };
  });
  const seen = new Map<string, number>();
  for (const i of identities) {
    const key = `${i.kind}:${i.normalized}`;
    if (i.normalized && seen.has(key)) fields.push({ path: `identities.${i.index}.value`, message: 'duplicate of another entry' });
    seen.set(key, i.index);
  }
  for (const kind of EDITABLE_KINDS) {
    if (identities.filter((i) => i.kind === kind && i.preferred).length > 1) {
      fields.push({ path: 'identities', message: `only one preferred ${kind}` });
    }
  }
  if (fields.length > 0) throw new ServiceError('BAD_REQUEST', 'Some fields are invalid', fields);

  await db.$transaction(async (tx) => {
    const current = await tx.customer.findFirst({ where: { id: input.id, mergedIntoId: null }, include: { identities: true } });
    if (!current) throw notFound('Customer');
    if (current.updatedAt.toISOString() !== new Date(input.expectedUpdatedAt).toISOString()) {
      throw new ServiceError('CONFLICT', 'The customer was changed by someone else; reload to see the latest version');
    }

    const taken = await tx.contactIdentity.findMany({
      where: {
        customerId: { not: input.id },
        OR: identities.map((i) => ({ kind: i.kind, normalized: i.normalized })),
      },
    });
    if (taken.length > 0) {
      throw new ServiceError(
        'BAD_REQUEST',
        'Some contacts belong to another customer',
        taken.map((t) => ({
          path: `identities.${identities.find((i) => i.kind === t.kind && i.normalized === t.normalized)!.index}.value`,
          message: 'belongs to another customer',
        })),
      );
    }

    const owned = new Map(current.identities.map((i) => [i.id, i]));
    for (const i of identities) {
      if (i.id && owned.get(i.id)?.kind !== i.kind) {
        throw new ServiceError('BAD_REQUEST', 'Unknown contact', [{ path: `identities.${i.index}.id`, message: 'not a contact of this customer' }]);
      }
    }
    const keepIds = new Set(identities.flatMap((i) => (i.id ? [i.id] : [])));
    const removed = current.identities.filter((i) => EDITABLE_KINDS.includes(i.kind) && !keepIds.has(i.id));
    await tx.contactIdentity.deleteMany({ where: { id: { in: removed.map((i) => i.id) } } });
    for (const i of identities) {
      const data = { kind: i.kind, rawValue: i.value, normalized: i.normalized, optedOut: i.optedOut, blocked: i.blocked, preferred: i.preferred };
      const before = i.id ? owned.get(i.id) : undefined;
      if (before) {
        // A changed address is no longer the verified one.
        await tx.contactIdentity.update({ where: { id: before.id }, data: { ...data, verified: before.verified && before.normalized === i.normalized } });
      } else {
        await tx.contactIdentity.create({ data: { ...data, customerId: input.id } });
      }
    }

    const consentChanged = current.consentService !== input.consentService || current.consentMarketing !== input.consentMarketing;
    const customer = await tx.customer.update({
      where: { id: input.id },
      data: {
        firstName: input.firstName,
        lastName: input.lastName,
        middleName: input.middleName || null,
        searchName: customerSearchName(input),
        birthday: input.birthday ? new Date(`${input.birthday}T00:00:00Z`) : null,
        city: input.city || null,
        timeZone: input.timeZone,
        consentService: input.consentService,
        consentMarketing: input.consentMarketing,
        ...(consentChanged ? { consentUpdatedAt: new Date() } : {}),
      },
    });
    const changedFields = (['firstName', 'lastName', 'middleName', 'city', 'timeZone', 'consentService', 'consentMarketing'] as const).filter(
      (k) => (current[k] ?? null) !== (customer[k] ?? null),
    );
    await audit(tx, viewer, {
      action: 'customer.update',
      subjectType: 'customer',
      subjectId: input.id,
      // Names of what changed, not contact values: the audit log must not become a copy of personal data.
      details: {
        fields: changedFields,
        birthdayChanged: current.birthday?.getTime() !== customer.birthday?.getTime(),
        identitiesAdded: identities.filter((i) => !i.id).length,
        identitiesRemoved: removed.length,
      },
    });
  });

  return getCustomer(db, viewer, input.id);
}
