// A customer's conversations and messages: who started, on which channel, what about, how fast the
// retailer answered, and where each thread stands now. Counters on the conversation (last activity,
// unread, waiting since, first response) are derived from its messages, so they always agree.
import type { Channel, ConversationStatus, MessageDirection, MessageStatus } from '../../../common/domain/enums.ts';
import { demoAccountId } from './accounts.ts';
import { pickProduct, type LoyaltyHistory, type PlacedOrder, type Purchases } from './commerce.ts';
import type { GenerationContext } from './context.ts';
import type { CustomerProfile } from './customers.ts';
import { messageText, spokenDate, topicStartedBy, topicSubject, topicTag, type TextContext, type Topic, type Turn } from './messageTexts.ts';
import { hash32, type Weighted } from './random.ts';
import type { StaffRef } from './reference.ts';
import { DAY, HOUR, MINUTE } from './time.ts';

interface Plan {
  size: number;
  topic: Topic;
  channel: Channel;
  start: number;
  order: PlacedOrder | null;
}

const RETAILER_DOMAIN = 'mail.amper.example';
/** Days after an order that a conversation about it typically starts: [min, max]. */
const DAYS_AFTER_ORDER: Partial<Record<Topic, readonly [number, number]>> = {
  order_status: [1, 4],
  return: [3, 14],
  pickup_ready: [0.1, 2],
  loyalty: [14, 40],
};

/** How long the retailer takes to answer on each channel: chats in minutes, e-mail in hours. */
const REPLY_DELAY: Record<Channel, readonly [number, number]> = {
  webchat: [1 * MINUTE, 6 * MINUTE],
  telegram: [3 * MINUTE, 40 * MINUTE],
  sms: [10 * MINUTE, 90 * MINUTE],
  email: [40 * MINUTE, 8 * HOUR],
  api: [20 * MINUTE, 4 * HOUR],
};

function splitIntoConversations(ctx: GenerationContext, messages: number): number[] {
  const sizes: number[] = [];
  for (let left = messages; left > 0; ) {
    const size = left <= 2 ? left : Math.min(left, 1 + Math.ceil(ctx.random.exponential(4)));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

function channelsOf(customer: CustomerProfile): Weighted<Channel> {
  const channels: [Channel, number][] = [];
  if (customer.telegram) channels.push(['telegram', 30]);
  if (customer.email && !customer.blockedEmail) channels.push(['email', 25]);
  if (customer.webchat) channels.push(['webchat', 20]);
  if (customer.phone && !customer.blockedPhone) channels.push(['sms', 15]);
  channels.push(['api', 8]);
  return channels;
}

function topicsFor(customer: CustomerProfile, purchases: Purchases) {
  const customerTopics: [Topic, number][] = [
    ['stock', 3],
    ['reservation', 2],
  ];
  const retailerTopics: [Topic, number][] = [];
  if (purchases.orders.length > 0) {
    customerTopics.push(['order_status', 4], ['return', 1.5]);
    retailerTopics.push(['pickup_ready', 2]);
    if (purchases.loyalty) customerTopics.push(['loyalty', 2]);
  }
  if (purchases.loyalty && purchases.loyalty.accruals.length > 0) retailerTopics.push(['points_expiring', 1]);
  if (customer.consentMarketing) retailerTopics.push(['promo', 1]);
  return { customerTopics, retailerTopics };
}

function planConversations(ctx: GenerationContext, customer: CustomerProfile, purchases: Purchases, messages: number): Plan[] {
  const { random } = ctx;
  const now = ctx.now.getTime();
  const latest = now - 10 * MINUTE;
  const from = Math.min(customer.createdAt.getTime(), latest);
  const channels = channelsOf(customer);
  const { customerTopics, retailerTopics } = topicsFor(customer, purchases);
  // Threads prompted by something that would only happen after the reference date start within its last hours instead.
  const noLaterThanLatest = (time: number) => (time <= latest ? time : Math.max(from, latest - random.next() * 6 * HOUR));

  return splitIntoConversations(ctx, messages)
    .map((size): Plan => {
      const byRetailer = retailerTopics.length > 0 && random.chance(size === 1 ? 0.4 : 0.15);
      const topic = random.weighted(byRetailer ? retailerTopics : customerTopics);
      const afterOrder = DAYS_AFTER_ORDER[topic];
      const order = afterOrder || topic === 'loyalty' ? random.pick(purchases.orders) : null;
      let start = from + random.next() * (latest - from);
      if (order && afterOrder) start = noLaterThanLatest(order.placedAt.getTime() + (afterOrder[0] + random.next() * (afterOrder[1] - afterOrder[0])) * DAY);
      const expiring = topic === 'points_expiring' ? random.pick(purchases.loyalty?.accruals ?? []) : null;
      if (expiring) start = Math.max(from, noLaterThanLatest(expiring.expiresAt.getTime() - random.int(5, 25) * DAY));
      return { size, topic, channel: random.weighted(channels), start, order };
    })
    .sort((a, b) => a.start - b.start);
}

function directionsFor(ctx: GenerationContext, size: number, startedBy: 'customer' | 'retailer'): MessageDirection[] {
  const directions: MessageDirection[] = [startedBy === 'retailer' ? 'outbound' : 'inbound'];
  for (let i = 1; i < size; i++) {
    const previous = directions[i - 1] as MessageDirection;
    // Mostly turn-taking; now and then someone writes twice in a row.
    const keepsTurn = ctx.random.chance(previous === 'inbound' ? 0.15 : 0.2);
    directions.push(keepsTurn ? previous : previous === 'inbound' ? 'outbound' : 'inbound');
  }
  return directions;
}

/** Where the thread stands: only the customer's latest conversation may still be open. */
function statusFor(ctx: GenerationContext, isLatest: boolean, directions: readonly MessageDirection[]): ConversationStatus {
  if (!isLatest || !directions.includes('inbound')) return 'resolved';
  const rolled = ctx.random.weighted<ConversationStatus>([
    ['open', 14],
    ['pending', 6],
    ['snoozed', 4],
    ['resolved', 76],
  ]);
  if (rolled === 'resolved') return rolled;
  // Open means the customer is waiting for us; pending and snoozed that we are waiting for them.
  const customerWaiting = directions.at(-1) === 'inbound';
  if (rolled === 'open') return customerWaiting ? 'open' : 'pending';
  return customerWaiting ? 'open' : rolled;
}

function balanceAt(loyalty: LoyaltyHistory | null, at: number): number {
  let balance = 0;
  for (const snapshot of loyalty?.balances ?? []) {
    if (snapshot.at.getTime() > at) break;
    balance = snapshot.balance;
  }
  return balance;
}

function textContext(ctx: GenerationContext, customer: CustomerProfile, purchases: Purchases, plan: Plan): TextContext {
  const { random, reference } = ctx;
  const product = plan.order?.mainProduct ?? pickProduct(ctx);
  const store = customer.homeStore;
  const otherStores = reference.stores.filter((s) => s.city === store.city && s !== store);
  const expiring = purchases.loyalty?.accruals.find((a) => a.at.getTime() <= plan.start && a.expiresAt.getTime() > plan.start) ?? null;
  return {
    customerFirstName: customer.name.firstName,
    customerSex: customer.name.sex,
    agent: null,
    orderNumber: plan.order?.number ?? purchases.orders.at(-1)?.number ?? '',
    product: product.inSentence,
    productAccusative: product.inSentenceAccusative,
    priceRubles: Math.round(product.priceKopecks / 100),
    storePlace: store.place,
    storeAddress: store.address,
    storeHours: store.hours,
    otherStorePlace: (otherStores.length > 0 ? random.pick(otherStores) : random.pick(reference.stores)).place,
    units: random.int(1, 8),
    points: balanceAt(purchases.loyalty, plan.start),
    expiringPoints: expiring?.points ?? 0,
    expiryDate: spokenDate(expiring?.expiresAt ?? new Date(plan.start + 30 * DAY)),
    date: spokenDate(new Date(plan.start + random.int(1, 4) * DAY)),
    code: random.digits(6),
  };
}

function assigneeFor(ctx: GenerationContext, topic: Topic): StaffRef {
  const { first, second, supervisor } = ctx.reference.agents;
  return ctx.random.weighted<StaffRef>(
    topic === 'return'
      ? [
          [second, 70],
          [first, 20],
          [supervisor, 10],
        ]
      : [
          [first, 50],
          [second, 42],
          [supervisor, 8],
        ],
  );
}

/** Which part of the script a message is: opening, first reply, question and answer, nudge or goodbye. */
function turnOf(
  direction: MessageDirection,
  previous: { direction: MessageDirection; turn: Turn } | null,
  thread: { startedBy: 'customer' | 'retailer'; replied: boolean; closing: boolean },
): Turn {
  const fromCustomer = direction === 'inbound';
  if (!previous) return 'opening';
  if (!fromCustomer && thread.startedBy === 'customer' && !thread.replied) return 'reply';
  if (previous.direction === direction) return fromCustomer ? 'customerNudge' : 'agentNudge';
  // A resolved thread ends with thanks and a goodbye — but a last question still gets its answer.
  if (thread.closing && fromCustomer) return 'customerThanks';
  if (thread.closing && previous.turn === 'customerThanks') return 'agentClosing';
  return fromCustomer ? 'customerFollowUp' : 'agentFollowUp';
}

/** Spreads the messages of a thread in time with realistic gaps, squeezed to end before the reference date. */
function messageTimes(ctx: GenerationContext, plan: Plan, directions: readonly MessageDirection[]): number[] {
  const { random } = ctx;
  const offsets = [0];
  for (let i = 1; i < directions.length; i++) {
    const [min, max] = REPLY_DELAY[plan.channel];
    const gap =
      directions[i] === 'outbound' && directions[i - 1] === 'inbound'
        ? min + random.next() * (max - min)
        : directions[i] === directions[i - 1]
          ? random.int(1, 10) * MINUTE
          : 5 * MINUTE + random.exponential(3 * HOUR);
    offsets.push((offsets[i - 1] as number) + gap);
  }
  // A squeezed thread ends somewhere before the reference date, not all of them at the same instant.
  const room = (ctx.now.getTime() - MINUTE - plan.start) * (0.3 + 0.7 * random.next());
  const span = offsets.at(-1) as number;
  const squeeze = span > room ? room / span : 1;
  return offsets.map((offset) => plan.start + Math.floor(offset * squeeze));
}

interface Delivery {
  status: MessageStatus;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
}

/** What the provider reported for an outbound message; SMS has no read receipts, e-mail only sometimes. */
function deliveryOf(ctx: GenerationContext, channel: Channel, at: number, nextInboundAt: number | null): Delivery {
  const { random } = ctx;
  const now = ctx.now.getTime();
  const sentAt = Math.min(now, at + random.int(1, 4) * 1000);
  if (now - at < MINUTE) return { status: 'sent', sentAt: new Date(sentAt), deliveredAt: null, readAt: null };
  const deliveredAt = Math.min(now, sentAt + random.int(1, channel === 'sms' ? 60 : 20) * 1000);
  const readable = channel === 'telegram' || channel === 'webchat' ? random.chance(0.9) : channel === 'email' ? random.chance(0.5) : false;
  let readAt: number | null = null;
  if (readable) {
    const until = nextInboundAt ?? Math.min(now, deliveredAt + 2 * HOUR);
    readAt = deliveredAt + random.next() * Math.max(0, until - deliveredAt);
  }
  return {
    status: readAt !== null ? 'read' : 'delivered',
    sentAt: new Date(sentAt),
    deliveredAt: new Date(deliveredAt),
    readAt: readAt !== null ? new Date(readAt) : null,
  };
}

/** The id the provider gives a message; unique per channel, and growing so the index is appended to. */
function providerMessageId(ctx: GenerationContext, customer: CustomerProfile, channel: Channel, direction: MessageDirection, telegramMessageNo: number): string {
  const seq = ++ctx.sequence.message;
  const serial = seq.toString(36).padStart(8, '0');
  switch (channel) {
    case 'email':
      return `<${serial}.${hash32(seq).toString(36)}@${direction === 'outbound' ? RETAILER_DOMAIN : (customer.email?.split('@')[1] ?? 'mail.ru')}>`;
    case 'sms':
      return `SM${serial}${hash32(seq, 5).toString(16).padStart(8, '0')}`;
    case 'telegram':
      return `${customer.telegram}:${telegramMessageNo}`;
    case 'webchat':
      // As the web chat channel keys them: by visitor, so the widget's history shows the seeded thread too.
      return `${customer.webchat}:${direction === 'outbound' ? 'out:' : ''}wc-msg-${serial}`;
    case 'api':
      return `api-${serial}`;
  }
}

export function generateConversations(ctx: GenerationContext, customer: CustomerProfile, purchases: Purchases, messageCount: number): void {
  if (messageCount === 0) return;
  const { random, ids, batch, reference } = ctx;
  const now = ctx.now.getTime();
  const plans = planConversations(ctx, customer, purchases, messageCount);
  const switchableChannels = channelsOf(customer).filter(([channel]) => channel !== 'api');
  let telegramMessageNo = random.int(10, 500);

  plans.forEach((plan, index) => {
    const startedBy = topicStartedBy(plan.topic);
    let directions = directionsFor(ctx, plan.size, startedBy);
    const status = statusFor(ctx, index === plans.length - 1, directions);
    if (status !== 'resolved' && plan.start < now - 5 * DAY) {
      // A thread still open today started recently (but not before the customer existed).
      const recent = now - HOUR - random.next() * (status === 'open' ? 2 : 5) * DAY;
      plan.start = Math.min(now - 10 * MINUTE, Math.max(customer.createdAt.getTime(), recent));
    }
    // Some new threads wait in the queue, nobody has taken them yet.
    const waitingInQueue = status === 'open' && startedBy === 'customer' && plan.size <= 3 && random.chance(0.45);
    if (waitingInQueue) directions = directions.map(() => 'inbound');
    const agentWrites = directions.some((d, i) => d === 'outbound' && !(i === 0 && startedBy === 'retailer'));
    const assignee = agentWrites ? assigneeFor(ctx, plan.topic) : null;

    const times = messageTimes(ctx, plan, directions);
    const text = textContext(ctx, customer, purchases, plan);
    const conversationId = ids.next('conversation');
    let replied = false;
    let firstResponseAt: number | null = null;
    // The opening and the first reply share a choice of lines, and so do each question and its answer.
    const threadChoice = random.int(0, 9_999);
    let questionChoice = 0;
    let previous: { direction: MessageDirection; turn: Turn } | null = null;
    const seenSide = new Set<MessageDirection>();

    const messages = directions.map((direction, i) => {
      const at = times[i] as number;
      const automatic = i === 0 && startedBy === 'retailer';
      const turn = turnOf(direction, previous, {
        startedBy,
        replied,
        closing: status === 'resolved' && i >= plan.size - 2 && plan.size >= 3,
      });
      previous = { direction, turn };
      if (direction === 'outbound' && !automatic) {
        replied = true;
        if (firstResponseAt === null && seenSide.has('inbound')) firstResponseAt = at;
      }
      // A thread sometimes moves to another channel the customer uses («напишу Вам в Telegram»).
      const channel = i > 0 && switchableChannels.length > 1 && random.chance(0.07) ? random.weighted(switchableChannels) : plan.channel;
      if (channel === 'telegram') telegramMessageNo++;
      const agent = direction === 'outbound' && !automatic ? assignee : null;
      if (turn === 'customerFollowUp') questionChoice = random.int(0, 9_999);
      const choice = turn === 'opening' || turn === 'reply' ? threadChoice : turn === 'agentFollowUp' ? questionChoice : random.int(0, 9_999);
      const body = messageText({ topic: plan.topic, turn, channel, direction, firstOfSide: !seenSide.has(direction), choice }, { ...text, agent });
      seenSide.add(direction);
      const nextInbound = directions.indexOf('inbound', i + 1);
      const delivery: Delivery =
        direction === 'inbound'
          ? { status: 'received', sentAt: null, deliveredAt: null, readAt: null }
          : deliveryOf(ctx, channel, at, nextInbound === -1 ? null : (times[nextInbound] as number));
      return {
        id: ids.next('message'),
        conversationId,
        customerId: customer.id,
        channel,
        direction,
        body,
        authorId: agent?.id ?? null,
        providerMessageId: providerMessageId(ctx, customer, channel, direction, telegramMessageNo),
        channelAccountId: demoAccountId(channel),
        subject: null,
        meta: null,
        status: delivery.status,
        failureReason: null,
        clientId: null,
        sentAt: delivery.sentAt,
        deliveredAt: delivery.deliveredAt,
        readAt: delivery.readAt,
        createdAt: new Date(at),
      };
    });

    const lastAt = times.at(-1) as number;
    const trailingInbound = directions.length - 1 - directions.lastIndexOf('outbound');
    const waitingFrom = times[directions.length - trailingInbound] ?? null;
    batch.add('Conversation', {
      id: conversationId,
      customerId: customer.id,
      channel: plan.channel,
      subject: plan.channel === 'email' || plan.channel === 'api' ? topicSubject(plan.topic, text) : null,
      status,
      snoozedUntil: status === 'snoozed' ? new Date(now + random.int(2, 72) * HOUR) : null,
      assigneeId: assignee?.id ?? null,
      teamId: plan.topic === 'return' || purchases.loyalty?.tier === 'platinum' ? reference.teamIds.vip : reference.teamIds.firstLine,
      storeId: plan.topic === 'stock' || plan.topic === 'reservation' || plan.topic === 'pickup_ready' ? customer.homeStore.id : null,
      lastActivityAt: new Date(lastAt),
      waitingSince: status === 'open' && waitingFrom !== null ? new Date(waitingFrom) : null,
      firstResponseAt: firstResponseAt === null ? null : new Date(firstResponseAt),
      unreadCount: status === 'open' ? trailingInbound : 0,
      createdAt: new Date(times[0] as number),
      updatedAt: new Date(lastAt),
    });

    const tags = new Set([topicTag(plan.topic)]);
    if (purchases.loyalty?.tier === 'platinum') tags.add('vip');
    if (plan.topic === 'return' && random.chance(0.3)) tags.add('жалоба');
    if (random.chance(0.03)) tags.add('срочно');
    for (const tag of tags) batch.add('ConversationTag', { conversationId, tag });
    for (const message of messages) batch.add('Message', message);
  });
}
