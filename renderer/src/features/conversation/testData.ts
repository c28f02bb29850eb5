// Builders of timeline events and conversations for the conversation tests (imported only by *.test.*).
import type { ConversationDetail, TimelinePage } from '../../../../common/api/desk.ts';
import type { TimelineEvent, TimelineEventOf } from '../../../../common/domain/timeline.ts';

export const CUSTOMER_ID = 'c-1';
export const CONVERSATION_ID = 'conv-1';

/** 2026-01-01T00:00Z plus `minute` minutes. */
export const at = (minute: number) => new Date(Date.UTC(2026, 0, 1) + minute * 60_000).toISOString();

export function message(n: number, patch: Partial<TimelineEventOf<'message'>['payload']> = {}): TimelineEvent {
  return {
    kind: 'message',
    id: `message:m${n}`,
    at: at(n),
    customerId: CUSTOMER_ID,
    payload: {
      messageId: `m${n}`,
      conversationId: CONVERSATION_ID,
      channel: 'sms',
      direction: 'inbound',
      body: `Message ${n}`,
      subject: null,
      status: 'received',
      failureReason: null,
      authorId: null,
      authorName: null,
      attachments: [],
      html: null,
      remoteImages: 0,
      deliveredVia: null,
      automatic: false,
      ...patch,
    },
  };
}

export const note = (n: number, body = `Note ${n}`): TimelineEvent => ({
  kind: 'note',
  id: `note:n${n}`,
  at: at(n),
  customerId: CUSTOMER_ID,
  payload: { noteId: `n${n}`, conversationId: CONVERSATION_ID, authorId: 'u-2', authorName: 'Пётр', body },
});

export const order = (n: number): TimelineEvent => ({
  kind: 'order',
  id: `order:o${n}`,
  at: at(n),
  customerId: CUSTOMER_ID,
  payload: { orderId: `o${n}`, number: `A-${n}`, kind: 'in_store', status: 'completed', totalKopecks: 1_299_000, itemCount: 3, storeId: 's1', storeName: 'ТЦ Мега' },
});

export const loyalty = (n: number, points: number): TimelineEvent => ({
  kind: 'loyalty',
  id: `loyalty:l${n}`,
  at: at(n),
  customerId: CUSTOMER_ID,
  payload: { entryId: `l${n}`, entryKind: points >= 0 ? 'accrual' : 'redemption', points, reason: null, orderId: null },
});

export const page = (events: TimelineEvent[], hasOlder = false, hasNewer = false): TimelinePage => ({ events, hasOlder, hasNewer });

export function conversationDetail(patch: Partial<ConversationDetail> = {}): ConversationDetail {
  return {
    conversation: {
      id: CONVERSATION_ID,
      customerId: CUSTOMER_ID,
      customerName: 'Иванова Анна',
      status: 'open',
      channel: 'sms',
      lastChannel: 'sms',
      subject: null,
      preview: 'Привет',
      lastDirection: 'inbound',
      assigneeId: 'u-1',
      assigneeName: 'Анна Оператор',
      teamId: null,
      storeId: null,
      tags: [],
      unreadCount: 0,
      lastActivityAt: at(100),
      waitingSince: null,
      snoozedUntil: null,
      firstResponseDueAt: null,
      firstResponseAt: null,
    },
    replyChannels: [
      { channel: 'sms', to: '+7 912 ***-**-89', optedOut: false, blocked: false },
      { channel: 'email', to: 'a***@mail.ru', optedOut: true, blocked: false },
    ],
    defaultChannel: 'sms',
    customerTimeZone: 'UTC',
    // An empty range: never quiet unless a test says so.
    quietHours: { start: '00:00', end: '00:00' },
    lastMessageId: 'm1',
    draft: null,
    timeline: null,
    ...patch,
  };
}
