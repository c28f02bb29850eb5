// The customer list: one SQL statement reads a page by keyset (searchName, id) with loyalty joined, one
// more reads the page's phones and e-mails. Two statements per page whatever its size; raw SQL because
// this is the screen people scroll all day.
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

interface PageRow {
  id: string;
  searchName: string;
  firstName: string;
  lastName: string;
  middleName: string | null;
  city: string | null;
  updatedAt: Date | string;
  tier: string | null;
  balance: number | bigint | null;
}

interface ContactRow {
  customerId: string;
  kind: string;
  normalized: string;
}

export async function listCustomers(db: Db, _viewer: Viewer, query: CustomerListQuery): Promise<CustomerListPage> {
  const { q, cursor, limit } = CustomerListQuerySchema.parse(query);
  const filter = customerFilter(q);
  const after = cursor ? decodeCursor(cursor, 2) : null;

  // `+c.mergedIntoId` keeps SQLite off the mergedIntoId index (almost every row is NULL), so the
  // (searchName, id) index drives the keyset scan even before ANALYZE has gathered statistics.
  const rows = await db.$queryRawUnsafe<PageRow[]>(
    `SELECT c.id, c.searchName, c.firstName, c.lastName, c.middleName, c.city, c.updatedAt, l.tier, l.balance
       FROM Customer c LEFT JOIN LoyaltyAccount l ON l.customerId = c.id
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

  // The preferred phone and e-mail of the whole page in one statement, preferred first.
  const contacts = await db.$queryRawUnsafe<ContactRow[]>(
    `SELECT customerId, kind, normalized FROM ContactIdentity
      WHERE customerId IN (${page.map(() => '?').join(', ')}) AND kind IN ('phone', 'email')
      ORDER BY preferred DESC, createdAt`,
    ...page.map((r) => r.id),
  );
  const firstContact = new Map<string, string>();
  for (const c of contacts) {
    const key = `${c.customerId}:${c.kind}`;
    if (!firstContact.has(key)) firstContact.set(key, c.normalized);
  }

  const items = page.map((r): CustomerListItem => {
    const phone = firstContact.get(`${r.id}:phone`);
    const email = firstContact.get(`${r.id}:email`);
    return {
      id: r.id,
      fullName: fullName(r),
      city: r.city,
      phoneMasked: phone ? maskPhone(phone) : null,
      emailMasked: email ? maskEmail(email) : null,
      loyaltyTier: r.tier === null ? null : LoyaltyTier.catch('base').parse(r.tier),
      loyaltyBalance: r.balance === null ? null : Number(r.balance),
      updatedAt: new Date(r.updatedAt).toISOString(),
    };
  });
  return { items, nextCursor };
}
