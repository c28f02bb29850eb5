// The customer list: one SQL statement picks a page of ids by keyset (searchName, id), one Prisma query
// loads those customers with their identities and loyalty. Two round trips per page whatever its size.
import type { CustomerListItem, CustomerListPage, CustomerListQuery } from '../../../../common/api/customers.ts';
import { CustomerListQuery as CustomerListQuerySchema } from '../../../../common/api/customers.ts';
import { maskEmail, maskPhone, normalizeEmail, normalizeLoyaltyCard, normalizePhone } from '../../../../common/domain/contacts.ts';
import { LoyaltyTier } from '../../../../common/domain/enums.ts';
import { foldForSearch, fullName } from '../../../../common/domain/text.ts';
import type { Db } from '../../db/client.ts';
import { decodeCursor, encodeCursor } from '../../db/keyset.ts';
import type { Viewer } from '../auth/viewer.ts';

interface Filter {
  /** SQL selecting candidate customer rowids/ids; `c` is the Customer alias. */
  where: string;
  args: unknown[];
}

/** Decides what the search text is — an e-mail, a phone, a card, digits or a name — and how to find it. */
export function customerFilter(q: string): Filter {
  const text = q.trim();
  if (text === '') return { where: '1 = 1', args: [] };

  if (text.includes('@')) {
    const email = normalizeEmail(text) ?? text.toLowerCase();
    return identityPrefix('email', email);
  }

  const digits = text.replace(/\D/g, '');
  if (/^[\d\s()+\-.]+$/.test(text) && digits.length >= 3) {
    const phone = normalizePhone(text);
    const card = normalizeLoyaltyCard(text);
    const conditions: string[] = [];
    const args: unknown[] = [];
    // Longer than any phone written without its country code: a card number, not part of a phone.
    if (phone) {
      conditions.push(`(i.kind = 'phone' AND i.normalized = ?)`);
      args.push(phone);
    } else if (digits.length <= 11) {
      // A partial number (e.g. the last digits a caller reads out): substring over phone identities.
      conditions.push(`(i.kind = 'phone' AND i.normalized LIKE ?)`);
      args.push(`%${digits}%`);
    }
    if (card) {
      conditions.push(`(i.kind = 'loyalty_card' AND i.normalized = ?)`);
      args.push(card);
    }
    return {
      where: `c.id IN (SELECT i.customerId FROM ContactIdentity i WHERE ${conditions.join(' OR ')})`,
      args,
    };
  }

  const folded = foldForSearch(text);
  const terms = folded.split(' ').filter(Boolean);
  if (terms.every((t) => t.length >= 3)) {
    // FTS5 trigram: every term must occur somewhere in "last first middle" (substring, case-insensitive).
    const match = terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND ');
    return { where: `c.rowid IN (SELECT rowid FROM CustomerSearch WHERE CustomerSearch MATCH ?)`, args: [match] };
  }
  // Too short for trigrams: a prefix of the surname (or of "surname first").
  return { where: `c.searchName >= ? AND c.searchName < ?`, args: [folded, `${folded}\uffff`] };
}

function identityPrefix(kind: string, value: string): Filter {
  return {
    where: `c.id IN (SELECT i.customerId FROM ContactIdentity i WHERE i.kind = ? AND i.normalized >= ? AND i.normalized < ?)`,
    args: [kind, value, `${value}\uffff`],
  };
}

export async function listCustomers(db: Db, _viewer: Viewer, query: CustomerListQuery): Promise<CustomerListPage> {
  const { q, cursor, limit } = CustomerListQuerySchema.parse(query);
  const filter = customerFilter(q);
  const after = cursor ? decodeCursor(cursor, 2) : null;

  // `+c.mergedIntoId` keeps SQLite off the mergedIntoId index (almost every row is NULL), so the
  // (searchName, id) index drives the keyset scan even before ANALYZE has gathered statistics.
  const rows = await db.$queryRawUnsafe<{ id: string; searchName: string }[]>(
    `SELECT c.id, c.searchName FROM Customer c
      WHERE +c.mergedIntoId IS NULL AND ${filter.where} ${after ? 'AND (c.searchName, c.id) > (?, ?)' : ''}
      ORDER BY c.searchName, c.id LIMIT ?`,
    ...filter.args,
    ...(after ?? []),
    limit + 1,
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor([last.searchName, last.id]) : null;
  if (page.length === 0) return { items: [], nextCursor: null };

  const customers = await db.customer.findMany({
    where: { id: { in: page.map((r) => r.id) } },
    include: {
      identities: { where: { kind: { in: ['phone', 'email'] } } },
      loyalty: { select: { tier: true, balance: true } },
    },
  });
  const byId = new Map(customers.map((c) => [c.id, c]));
  const items = page.flatMap((r): CustomerListItem[] => {
    const c = byId.get(r.id);
    if (!c) return [];
    const pick = (kind: string) =>
      c.identities.filter((i) => i.kind === kind).sort((a, b) => Number(b.preferred) - Number(a.preferred))[0]?.normalized ?? null;
    const phone = pick('phone');
    const email = pick('email');
    return [
      {
        id: c.id,
        fullName: fullName(c),
        city: c.city,
        phoneMasked: phone ? maskPhone(phone) : null,
        emailMasked: email ? maskEmail(email) : null,
        loyaltyTier: c.loyalty ? LoyaltyTier.catch('base').parse(c.loyalty.tier) : null,
        loyaltyBalance: c.loyalty?.balance ?? null,
        updatedAt: c.updatedAt.toISOString(),
      },
    ];
  });
  return { items, nextCursor };
}
