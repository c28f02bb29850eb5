// Suggested duplicates: found by a scan over profiles with the same full name, or raised by evidence a
// channel brings (a Telegram contact share, a web-chat pre-chat e-mail). A name alone never suggests.
import type { Evidence, MergeCandidate, MergeSuggestionView } from '../../../../common/api/identity.ts';
import { Evidence as EvidenceSchema } from '../../../../common/api/identity.ts';
import { maskIdentity } from '../../../../common/domain/contacts.ts';
import { IdentityKind } from '../../../../common/domain/enums.ts';
import { can } from '../../../../common/domain/policy.ts';
import { fullName } from '../../../../common/domain/text.ts';
import type { Db } from '../../db/client.ts';
import type { Viewer } from '../auth/viewer.ts';

const WEIGHT: Record<Evidence['kind'], number> = {
  same_full_name: 0.3,
  email_local_part: 0.5,
  phone_near: 0.4,
  same_birthday: 0.3,
  same_city: 0.1,
  telegram_contact: 0.6,
  webchat_prechat: 0.5,
};

export const scoreOf = (evidence: Evidence[]) => Math.min(0.99, evidence.reduce((sum, e) => sum + WEIGHT[e.kind], 0));

/** Stores a suggestion for the pair, adding new evidence to one that exists; returns whether it is new. */
export async function suggest(db: Pick<Db, 'mergeSuggestion'>, a: string, b: string, evidence: Evidence[]): Promise<boolean> {
  if (a === b || !evidence.some((e) => e.kind !== 'same_full_name')) return false;
  const [customerAId, customerBId] = a < b ? [a, b] : [b, a];
  const existing = await db.mergeSuggestion.findUnique({ where: { customerAId_customerBId: { customerAId, customerBId } } });
  if (existing) {
    const known = EvidenceSchema.array().parse(JSON.parse(existing.evidence));
    const added = evidence.filter((e) => !known.some((k) => k.kind === e.kind));
    if (added.length > 0) {
      const all = [...known, ...added];
      await db.mergeSuggestion.update({ where: { id: existing.id }, data: { evidence: JSON.stringify(all), score: scoreOf(all) } });
    }
    return false;
  }
  await db.mergeSuggestion.create({ data: { customerAId, customerBId, evidence: JSON.stringify(evidence), score: scoreOf(evidence) } });
  return true;
}

const digitsDiffer = (a: string, b: string) => (a.length === b.length ? [...a].filter((c, i) => c !== b[i]).length : Infinity);

type Profile = Awaited<ReturnType<typeof loadProfiles>>[number];

async function loadProfiles(db: Db, ids: string[]) {
  return db.customer.findMany({ where: { id: { in: ids }, mergedIntoId: null }, include: { identities: true } });
}

/** What, besides the name, says two same-named profiles are one person. */
export function evidenceBetween(a: Profile, b: Profile): Evidence[] {
  const evidence: Evidence[] = [{ kind: 'same_full_name', detail: fullName(a) }];
  const emails = (p: Profile) => p.identities.filter((i) => i.kind === 'email').map((i) => i.normalized);
  const phones = (p: Profile) => p.identities.filter((i) => i.kind === 'phone').map((i) => i.normalized);
  for (const x of emails(a)) {
    for (const y of emails(b)) {
      const [lx, dx] = x.split('@');
      const [ly, dy] = y.split('@');
      if (lx && lx === ly && dx !== dy) evidence.push({ kind: 'email_local_part', detail: `${x} ~ ${y}` });
    }
  }
  for (const x of phones(a)) {
    for (const y of phones(b)) {
      if (digitsDiffer(x, y) <= 2) evidence.push({ kind: 'phone_near', detail: `${maskIdentity('phone', x)} ~ ${maskIdentity('phone', y)}` });
    }
  }
  if (a.birthday && b.birthday && a.birthday.getTime() === b.birthday.getTime()) {
    evidence.push({ kind: 'same_birthday', detail: a.birthday.toISOString().slice(0, 10) });
  }
  if (a.city && a.city === b.city) evidence.push({ kind: 'same_city', detail: a.city });
  return evidence.filter((e, i, all) => all.findIndex((o) => o.kind === e.kind) === i);
}

/** Scans profiles that share a full name (groups of at most 5: common names need more than a name). */
export async function scanForDuplicates(db: Db): Promise<{ created: number }> {
  const groups = await db.$queryRawUnsafe<{ ids: string }[]>(
    `SELECT group_concat(id) AS ids FROM Customer
      WHERE mergedIntoId IS NULL
      GROUP BY searchName HAVING COUNT(*) BETWEEN 2 AND 5`,
  );
  let created = 0;
  for (const group of groups) {
    const profiles = await loadProfiles(db, group.ids.split(','));
    for (let i = 0; i < profiles.length; i++) {
      for (let j = i + 1; j < profiles.length; j++) {
        if (await suggest(db, profiles[i]!.id, profiles[j]!.id, evidenceBetween(profiles[i]!, profiles[j]!))) created++;
      }
    }
  }
  return { created };
}

async function candidate(db: Db, viewer: Viewer, id: string): Promise<MergeCandidate | null> {
  const c = await db.customer.findUnique({
    where: { id },
    include: { identities: true, loyalty: true, _count: { select: { orders: true, conversations: true } } },
  });
  if (!c) return null;
  const full = can(viewer.role, 'customers.contacts.read_full');
  return {
    id: c.id,
    fullName: fullName(c),
    city: c.city,
    birthday: c.birthday?.toISOString().slice(0, 10) ?? null,
    identities: c.identities.map((i) => {
      const kind = IdentityKind.parse(i.kind);
      return { kind, value: full ? i.normalized : maskIdentity(kind, i.normalized) };
    }),
    orders: c._count.orders,
    conversations: c._count.conversations,
    loyaltyBalance: c.loyalty?.balance ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

export async function presentSuggestion(db: Db, viewer: Viewer, row: NonNullable<Awaited<ReturnType<Db['mergeSuggestion']['findUnique']>>>): Promise<MergeSuggestionView | null> {
  const [a, b] = await Promise.all([candidate(db, viewer, row.customerAId), candidate(db, viewer, row.customerBId)]);
  if (!a || !b) return null;
  return {
    id: row.id,
    status: row.status as MergeSuggestionView['status'],
    score: row.score,
    evidence: EvidenceSchema.array().parse(JSON.parse(row.evidence)),
    customers: [a, b],
    createdAt: row.createdAt.toISOString(),
    mergeId: row.mergeId,
  };
}

export async function listSuggestions(db: Db, viewer: Viewer, status: MergeSuggestionView['status']): Promise<MergeSuggestionView[]> {
  const rows = await db.mergeSuggestion.findMany({ where: { status }, orderBy: [{ score: 'desc' }, { createdAt: 'desc' }], take: 200 });
  const views = await Promise.all(rows.map((row) => presentSuggestion(db, viewer, row)));
  return views.filter((v): v is MergeSuggestionView => v !== null);
}
