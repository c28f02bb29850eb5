// Ctrl+K: customers by name, phone, e-mail or card (the customer list's own search), and messages by text
// through the MessageSearch FTS5 trigram index.
import { SearchInput as SearchInputSchema, type MessageHit, type SearchInput, type SearchResult } from '../../../../common/api/desk.ts';
import { CustomerListQuery } from '../../../../common/api/customers.ts';
import { Channel } from '../../../../common/domain/enums.ts';
import { fullName } from '../../../../common/domain/text.ts';
import type { Db } from '../../db/client.ts';
import { audit } from '../audit/audit.ts';
import type { Viewer } from '../auth/viewer.ts';
import { listCustomers } from '../customers/customerList.ts';
import { buildSnippet, foldQuery } from './snippet.ts';

/** Trigrams: a shorter query has no trigram to look up, so it finds no messages. */
const MIN_MESSAGE_QUERY = 3;

/**
 * How many of the newest matches (by insertion order, which live traffic keeps in time order) are sorted
 * by time: a common word matches a large part of a million messages, and sorting all of them would not
 * answer within a keystroke.
 */
const CANDIDATES = 1000;

const MAX_CUSTOMER_QUERY = CustomerListQuery.shape.q.unwrap().maxLength ?? 0;

interface MessageRow {
  id: string;
  conversationId: string;
  customerId: string;
  channel: string;
  direction: string;
  body: string;
  createdAt: Date | string;
  firstName: string;
  lastName: string;
  middleName: string | null;
}

/** The user's text as one FTS5 string: no operator, column filter or prefix syntax of theirs takes effect. */
const ftsPhrase = (folded: string) => `"${folded.replace(/"/g, '""')}"`;

export async function searchAll(db: Db, viewer: Viewer, input: SearchInput): Promise<SearchResult> {
  const { q, limit } = SearchInputSchema.parse(input);
  // Longer than any name, phone, e-mail or card the customer list accepts: only a message can match.
  const customers = q.length <= MAX_CUSTOMER_QUERY ? await listCustomers(db, viewer, { q, limit }) : { items: [] };
  const messages = await searchMessages(db, q, limit);
  // The query's length, never its text: a search for a phone number or a name is itself personal data.
  await audit(db, viewer, { action: 'search.run', details: { queryLength: q.length, customers: customers.items.length, messages: messages.length } });
  return {
    customers: customers.items.map(({ id, fullName, city, phoneMasked, emailMasked }) => ({ id, fullName, city, phoneMasked, emailMasked })),
    messages,
  };
}

async function searchMessages(db: Db, q: string, limit: number): Promise<MessageHit[]> {
  const folded = foldQuery(q);
  if ([...folded].length < MIN_MESSAGE_QUERY) return [];
  const rows = await db.$queryRawUnsafe<MessageRow[]>(
    `SELECT m.id, m.conversationId, m.customerId, m.channel, m.direction, m.body, m.createdAt, c.firstName, c.lastName, c.middleName
       FROM (SELECT rowid FROM MessageSearch WHERE MessageSearch MATCH ? ORDER BY rowid DESC LIMIT ?) s
       JOIN Message m ON m.rowid = s.rowid
       JOIN Customer c ON c.id = m.customerId
      ORDER BY m.createdAt DESC, m.id DESC LIMIT ?`,
    ftsPhrase(folded),
    CANDIDATES,
    limit,
  );
  return rows.map((r) => ({
    messageId: r.id,
    conversationId: r.conversationId,
    customerId: r.customerId,
    customerName: fullName(r),
    channel: Channel.parse(r.channel),
    direction: r.direction === 'outbound' ? 'outbound' : 'inbound',
    at: new Date(r.createdAt).toISOString(),
    ...buildSnippet(r.body, q),
  }));
}
