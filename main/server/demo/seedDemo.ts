// The demo retailer, generated: reference data first, then customers in chunks — each with identities,
// orders, loyalty ledger, conversations and messages — written in batched transactions, so memory stays
// bounded from the 2,000-customer demo up to benchmark scale (100k customers, 1M messages).
//
// Deterministic: the same seed and reference date give identical rows, ids included. Only two things
// are not a function of the seed: the reference date (defaults to now; every instant is placed relative
// to it, so the demo always looks current) and the users' password hashes (scrypt with a random salt).
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { hashPassword } from '../services/auth/passwords.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';
import { generatePurchases } from './commerce.ts';
import type { GenerationContext } from './context.ts';
import { generateConversations } from './conversations.ts';
import { generateCustomer, type CustomerProfile, type DuplicateKind } from './customers.ts';
import { IdFactory } from './ids.ts';
import { ContactNumbers } from './people.ts';
import { Random } from './random.ts';
import { writeReferenceData } from './reference.ts';
import { RowBatch } from './rowBatch.ts';
import { writeDemoReservations, type DemoReservationSummary } from './reservations.ts';
import { writeDemoReviews, type DemoReviewSummary } from './reviews.ts';
import { writeDemoTemplates } from './templates.ts';
import { DEMO_PASSWORD, DEMO_USERS } from './users.ts';

export const DEFAULT_DEMO_SEED = 20_261_123;

export const SeedDemoSettings = z
  .object({
    seed: z.number().int().min(0).max(2 ** 32 - 1, 'must be below 2^32').default(DEFAULT_DEMO_SEED),
    customers: z.number().int().min(1, 'must be at least 1').max(5_000_000, 'must be at most 5,000,000').default(2_000),
    messages: z.number().int().min(0).max(50_000_000, 'must be at most 50,000,000').default(6_000),
    /** Messages given to the first customer alone (timeline benchmarks); part of `messages`. */
    heavyCustomerEvents: z.number().int().min(0).default(0),
    /** Everything happens in the ~2 years before this instant. */
    referenceDate: z.date().optional(),
  })
  .refine((s) => s.heavyCustomerEvents <= s.messages, { message: 'cannot exceed messages', path: ['heavyCustomerEvents'] });

export type SeedDemoOptions = z.input<typeof SeedDemoSettings> & {
  onProgress?: (done: number, total: number, phase: string) => void;
};

export interface DemoSummary {
  seed: number;
  referenceDate: string;
  users: number;
  teams: number;
  stores: number;
  products: number;
  stockLevels: number;
  customers: number;
  likelyDuplicates: number;
  identities: number;
  loyaltyAccounts: number;
  loyaltyLedgerEntries: number;
  orders: number;
  orderItems: number;
  conversations: number;
  conversationTags: number;
  messages: number;
  templates: number;
  /** The review sample and its reviews; the hub's job checks the other agent replies on first start. */
  reviews: DemoReviewSummary;
  /** Open holds (exactly the units the stock shows as reserved) and closed ones in customers' histories. */
  reservations: DemoReservationSummary;
  elapsedMs: number;
}

export class DatabaseNotEmptyError extends Error {
  readonly code = 'DATABASE_NOT_EMPTY';
  constructor(readonly found: Record<string, number>) {
    const what = Object.entries(found)
      .filter(([, n]) => n > 0)
      .map(([table, n]) => `${n} ${table}`)
      .join(', ');
    super(`The demo is generated only into an empty database; this one already holds ${what}.`);
  }
}

/** Rows buffered before a transaction writes them: ~50k rows is a second of work and a few tens of MB. */
const FLUSH_ROWS = 50_000;
/** Every 200th profile is a likely duplicate of the one before it. */
const isLikelyDuplicate = (index: number) => index % 200 === 199;

/**
 * How many messages each customer gets: a third write nothing, the rest a long-tailed share, so most
 * have a conversation or two and a few have many. Sums exactly to `messages`.
 */
function messageQuota(random: Random, customers: number, messages: number, heavyCustomerEvents: number): Int32Array {
  const weights = new Float64Array(customers);
  let total = 0;
  for (let i = heavyCustomerEvents > 0 ? 1 : 0; i < customers; i++) {
    if (!random.chance(0.65)) continue;
    const weight = Math.min(40, 1 / Math.sqrt(1 - random.next())) * (isLikelyDuplicate(i) ? 0.3 : 1);
    weights[i] = weight;
    total += weight;
  }
  const quota = new Int32Array(customers);
  quota[0] = heavyCustomerEvents;
  const shared = messages - heavyCustomerEvents;
  if (total === 0) {
    quota[0] = messages;
    return quota;
  }
  // Rounding the running sum, not each share, makes the counts add up exactly.
  let cumulative = 0;
  let given = 0;
  for (let i = 0; i < customers; i++) {
    cumulative += weights[i] as number;
    const upTo = Math.round((shared * cumulative) / total);
    quota[i] = (quota[i] as number) + upTo - given;
    given = upTo;
  }
  return quota;
}

/** The id of the demo sign-in with this role, written with the reference data. */
async function demoUserId(db: Db, role: 'admin' | 'marketer'): Promise<string> {
  const email = DEMO_USERS.find((u) => u.role === role)?.email;
  const user = email ? await db.user.findUnique({ where: { email }, select: { id: true } }) : null;
  if (!user) throw new Error(`The demo has no ${role} sign-in`);
  return user.id;
}

async function assertEmpty(db: Db): Promise<void> {
  const [customers, users, stores, products] = await Promise.all([db.customer.count(), db.user.count(), db.store.count(), db.product.count()]);
  if (customers + users + stores + products > 0) throw new DatabaseNotEmptyError({ customers, users, stores, products });
}

/**
 * A bulk load leaves SQLite without statistics, and then it guesses badly: the customer list's
 * `mergedIntoId IS NULL` picks the mergedIntoId index and sorts every customer for each page (27 ms
 * instead of 0.5 ms at 100k customers). A full ANALYZE takes ~3 s at 1M messages; a sampled one
 * (analysis_limit) is faster but undercounts the all-NULL mergedIntoId and keeps the bad plan.
 */
async function gatherPlannerStatistics(db: Db): Promise<void> {
  await db.$executeRawUnsafe('ANALYZE');
}

export async function seedDemo(db: Db, options: SeedDemoOptions = {}): Promise<DemoSummary> {
  const startedAt = performance.now();
  const { onProgress, ...rest } = options;
  const settings = SeedDemoSettings.parse(rest);
  await assertEmpty(db);

  const now = settings.referenceDate ?? new Date();
  const random = new Random(settings.seed);
  const ids = new IdFactory(settings.seed);
  const batch = new RowBatch();
  const reference = writeReferenceData(random, ids, batch, now, await hashPassword(DEMO_PASSWORD));
  await batch.flush(db);
  const templates = await writeDemoTemplates(db, ids, now, {
    supervisorId: reference.agents.supervisor.id,
    adminId: await demoUserId(db, 'admin'),
    marketerId: await demoUserId(db, 'marketer'),
  });
  // Switched off until demo mode gives them a simulator to talk to; a hub without demo mode leaves them so.
  await db.channelAccount.createMany({
    data: Object.values(DEMO_ACCOUNTS).map((account) => ({ ...account, enabled: false, config: '{}', createdAt: now, updatedAt: now })),
  });
  onProgress?.(0, settings.customers, 'customers');

  const quota = messageQuota(random, settings.customers, settings.messages, settings.heavyCustomerEvents);
  const ctx: GenerationContext = {
    random,
    ids,
    batch,
    now,
    reference,
    numbers: new ContactNumbers(settings.seed),
    takenEmails: new Set(),
    sequence: { phone: 0, telegram: 0, webchat: 0, card: 0, order: 0, message: 0 },
  };

  let previous: CustomerProfile | null = null;
  let likelyDuplicates = 0;
  for (let i = 0; i < settings.customers; i++) {
    const heavy = i === 0 && settings.heavyCustomerEvents > 0;
    const duplicateKind: DuplicateKind = Math.floor(i / 200) % 2 === 0 ? 'other_phone' : 'email_typo';
    const duplicateOf = previous && isLikelyDuplicate(i) ? { profile: previous, kind: duplicateKind } : undefined;
    const customer = generateCustomer(ctx, { duplicateOf, everyChannel: heavy });
    const purchases = generatePurchases(ctx, customer, { heavy, duplicate: duplicateOf !== undefined });
    generateConversations(ctx, customer, purchases, quota[i] as number);
    if (duplicateOf) likelyDuplicates++;
    previous = customer;

    if (batch.size >= FLUSH_ROWS || i === settings.customers - 1) {
      await batch.flush(db);
      onProgress?.(i + 1, settings.customers, 'customers');
    }
  }

  const reservations = await writeDemoReservations(db, ids, settings.seed, now);
  const reviews = await writeDemoReviews(db, ids, now, reference.agents, await demoUserId(db, 'admin'));
  await gatherPlannerStatistics(db);

  return {
    seed: settings.seed,
    referenceDate: now.toISOString(),
    users: batch.count('User'),
    teams: batch.count('Team'),
    stores: batch.count('Store'),
    products: batch.count('Product'),
    stockLevels: batch.count('StockLevel'),
    customers: batch.count('Customer'),
    likelyDuplicates,
    identities: batch.count('ContactIdentity'),
    loyaltyAccounts: batch.count('LoyaltyAccount'),
    loyaltyLedgerEntries: batch.count('LoyaltyLedgerEntry'),
    orders: batch.count('Order'),
    orderItems: batch.count('OrderItem'),
    conversations: batch.count('Conversation'),
    conversationTags: batch.count('ConversationTag'),
    messages: batch.count('Message'),
    templates,
    reviews,
    reservations,
    elapsedMs: Math.round(performance.now() - startedAt),
  };
}
