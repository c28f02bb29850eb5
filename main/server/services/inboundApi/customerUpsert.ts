// Customer upsert from an outside system: found by an exact match on any normalised contact, never by name.
// Contacts that already belong to two different customers are refused with nothing changed: joining
// profiles is a merge, which a supervisor decides, not a side effect of a CRM sync.
import type { ApiCustomerResult, ApiCustomerUpsert } from '../../../../common/api/inbound.ts';
import { normalizeIdentity } from '../../../../common/domain/contacts.ts';
import { customerSearchName } from '../../../../common/domain/text.ts';
import type { Db } from '../../db/client.ts';
import type { Prisma } from '../../db/generated/client.ts';
import { ServiceError } from '../../errors.ts';
import { audit } from '../audit/audit.ts';
import { isUniqueViolation } from './idempotency.ts';

export interface UpsertContext {
  apiKeyId: string;
  ip: string | null;
  now: Date;
  /** Runs in the upsert's transaction with its result (the route stores its idempotent answer there). */
  withinTransaction?: (tx: Prisma.TransactionClient, result: ApiCustomerResult) => Promise<void>;
}

const CHANGEABLE = ['firstName', 'lastName', 'middleName', 'city', 'timeZone', 'consentService', 'consentMarketing'] as const;

export async function upsertCustomer(db: Db, input: ApiCustomerUpsert, ctx: UpsertContext): Promise<ApiCustomerResult> {
  const identities = input.identities.map((identity, index) => {
    const normalized = normalizeIdentity(identity.kind, identity.value);
    if (!normalized) throw new ServiceError('BAD_REQUEST', 'Invalid contact', [{ path: `identities.${index}.value`, message: `not a valid ${identity.kind}` }]);
    return { ...identity, normalized, index };
  });
  try {
    return await db.$transaction((tx) => upsertIn(tx, input, identities, ctx));
  } catch (error) {
    // Another request created one of these contacts meanwhile: run again, now matching it. (If it was the
    // idempotency record instead, the second run fails the same way and the caller replays that answer.)
    if (!isUniqueViolation(error)) throw error;
    return db.$transaction((tx) => upsertIn(tx, input, identities, ctx));
  }
}

type NormalizedIdentity = ApiCustomerUpsert['identities'][number] & { normalized: string; index: number };

async function upsertIn(tx: Prisma.TransactionClient, input: ApiCustomerUpsert, identities: NormalizedIdentity[], ctx: UpsertContext) {
  const matched = await tx.contactIdentity.findMany({ where: { OR: identities.map((i) => ({ kind: i.kind, normalized: i.normalized })) } });
  const owners = [...new Set(matched.map((m) => m.customerId))];
  const matchOf = (i: NormalizedIdentity) => matched.find((m) => m.kind === i.kind && m.normalized === i.normalized);

  if (owners.length > 1) {
    throw new ServiceError(
      'CONFLICT',
      'These contacts belong to different customers; nothing was changed',
      identities.flatMap((i) => {
        const match = matchOf(i);
        return match ? [{ path: `identities.${i.index}.value`, message: `belongs to customer ${match.customerId}` }] : [];
      }),
    );
  }

  const optional = {
    ...(input.city !== undefined ? { city: input.city || null } : {}),
    ...(input.timeZone !== undefined ? { timeZone: input.timeZone } : {}),
    ...(input.consentService !== undefined ? { consentService: input.consentService } : {}),
    ...(input.consentMarketing !== undefined ? { consentMarketing: input.consentMarketing } : {}),
  };
  const consentGiven = input.consentService !== undefined || input.consentMarketing !== undefined;

  let customerId: string;
  let changed: string[];
  const existingId = owners[0];
  if (existingId) {
    const before = await tx.customer.findUniqueOrThrow({ where: { id: existingId } });
    const middleName = input.middleName !== undefined ? input.middleName || null : before.middleName;
    const consentChanged =
      (input.consentService !== undefined && input.consentService !== before.consentService) ||
      (input.consentMarketing !== undefined && input.consentMarketing !== before.consentMarketing);
    const after = await tx.customer.update({
      where: { id: existingId },
      data: {
        firstName: input.firstName,
        lastName: input.lastName,
        middleName,
        ...optional,
        searchName: customerSearchName({ firstName: input.firstName, lastName: input.lastName, middleName }),
        ...(consentChanged ? { consentUpdatedAt: ctx.now } : {}),
      },
    });
    customerId = existingId;
    changed = CHANGEABLE.filter((k) => (before[k] ?? null) !== (after[k] ?? null));
    for (const i of identities) {
      const match = matchOf(i);
      if (match && i.optedOut !== undefined && match.optedOut !== i.optedOut) {
        await tx.contactIdentity.update({ where: { id: match.id }, data: { optedOut: i.optedOut } });
      }
    }
  } else {
    const name = { firstName: input.firstName, lastName: input.lastName, middleName: input.middleName || null };
    const created = await tx.customer.create({
      data: { ...name, ...optional, searchName: customerSearchName(name), ...(consentGiven ? { consentUpdatedAt: ctx.now } : {}) },
    });
    customerId = created.id;
    changed = [];
  }

  const added = identities.filter((i) => !matchOf(i));
  for (const i of added) {
    // Not verified: the sending system vouches for the contact, the customer has not used it with us yet.
    await tx.contactIdentity.create({ data: { customerId, kind: i.kind, rawValue: i.value, normalized: i.normalized, optedOut: i.optedOut ?? false } });
  }

  const result: ApiCustomerResult = {
    customerId,
    created: !existingId,
    identitiesAdded: added.length,
    ...(input.externalRef ? { externalRef: input.externalRef } : {}),
  };
  await audit(
    tx,
    null,
    {
      action: existingId ? 'customer.update' : 'customer.create',
      subjectType: 'customer',
      subjectId: customerId,
      // Names of what changed, not contact values: the audit log must not become a copy of personal data.
      details: { via: 'api', apiKeyId: ctx.apiKeyId, externalRef: input.externalRef ?? null, fields: changed, identitiesAdded: added.length },
    },
    ctx.ip,
  );
  await ctx.withinTransaction?.(tx, result);
  return result;
}
