// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerDetail } from '../../../../common/api/customers.ts';
import type { TimelineEvent } from '../../../../common/domain/timeline.ts';
import { FakeSocket, renderWithHub } from '../../test/fakeHub.tsx';
import { ConversationPane } from './ConversationPane.tsx';
import { CONVERSATION_ID, CUSTOMER_ID, conversationDetail, loyalty, message, note, order, page } from './testData.ts';

const customer: CustomerDetail = {
  id: CUSTOMER_ID,
  firstName: 'Анна',
  lastName: 'Иванова',
  middleName: null,
  fullName: 'Иванова Анна',
  birthday: null,
  city: 'Новосибирск',
  timeZone: 'Asia/Novosibirsk',
  consentService: true,
  consentMarketing: false,
  consentUpdatedAt: null,
  identities: [{ id: 'i1', kind: 'phone', value: '+79123456789', masked: false, verified: true, optedOut: false, blocked: false, preferred: true }],
  loyalty: { cardNumber: '1234567890123', tier: 'gold', balance: 1500, expiringSoon: 0, nextExpiryAt: null },
  recentOrders: [],
  createdAt: '2020-01-01T00:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
};

// jsdom lays nothing out: give the scroller a size so the virtualiser renders rows.
const sizes = { clientHeight: 600, clientWidth: 800, offsetHeight: 600, offsetWidth: 800, scrollHeight: 5000 };
const saved: Record<string, PropertyDescriptor | undefined> = {};
beforeAll(() => {
  for (const [key, value] of Object.entries(sizes)) {
    saved[key] = Object.getOwnPropertyDescriptor(HTMLElement.prototype, key);
    Object.defineProperty(HTMLElement.prototype, key, { configurable: true, get: () => value });
  }
});
afterAll(() => {
  for (const [key, descriptor] of Object.entries(saved)) if (descriptor) Object.defineProperty(HTMLElement.prototype, key, descriptor);
});

const firstPage = [
  order(10),
  loyalty(11, 120),
  message(12, { channel: 'email', subject: 'Заказ', body: 'Где мой заказ?' }),
  note(13, 'Проверить склад'),
  message(14, { direction: 'outbound', status: 'failed', failureReason: 'Number unreachable', authorName: 'Анна Оператор', body: 'Уже ищем' }),
];
const olderPage = [message(1, { body: 'Самое первое сообщение' }), message(2, { body: 'Второе сообщение' })];

function setup(handlers: FakeSocket['handlers'] = {}, path = `/inbox/${CONVERSATION_ID}`) {
  const socket = new FakeSocket({
    'conversation.get': () => ({ ok: true, data: conversationDetail({ conversation: { ...conversationDetail().conversation, unreadCount: 1 } }) }),
    'conversation.markRead': () => ({ ok: true, data: conversationDetail().conversation }),
    'conversation.saveDraft': () => ({ ok: true, data: null }),
    'desk.activity': () => ({ ok: true, data: { ok: true } }),
    'customer.get': () => ({ ok: true, data: customer }),
    'events.since': () => ({ ok: true, data: { events: [], latestSeq: 0, complete: true } }),
    'timeline.page': (payload) => {
      const query = payload as { before?: unknown };
      return { ok: true, data: query.before ? page(olderPage, false, false) : page(firstPage, true, false) };
    },
    ...handlers,
  });
  const view = renderWithHub(<ConversationPane conversationId={CONVERSATION_ID} />, { socket, path });
  return { ...view, socket };
}

/** A hub push of a sequenced desk event, as socket.io delivers it. */
const pushed = (socket: FakeSocket, seq: number, type: 'timeline.added' | 'timeline.updated', event: TimelineEvent) =>
  act(() => {
    socket.fire('desk.event', [{ seq, type, payload: { conversationId: CONVERSATION_ID, event } }]);
  });

describe('ConversationPane timeline', () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });
  afterEach(cleanup);

  it('renders mixed kinds of the customer timeline, marks the conversation read and says it is viewed', async () => {
    const { socket } = setup();
    expect(await screen.findByText('Где мой заказ?')).toBeTruthy();
    const feed = screen.getByRole('feed');
    expect(within(feed).getByText('Order A-10')).toBeTruthy();
    expect(within(feed).getByText('ТЦ Мега')).toBeTruthy();
    expect(within(feed).getByText(/12\s990\s₽/)).toBeTruthy();
    expect(within(feed).getByText('+120')).toBeTruthy();
    expect(within(feed).getByText('Проверить склад')).toBeTruthy();
    expect(within(feed).getByText('Private note')).toBeTruthy();
    expect(within(feed).getByText('Number unreachable')).toBeTruthy();
    // The one unread inbound message gets the divider.
    expect(within(feed).getByText('New messages')).toBeTruthy();
    expect(socket.calls.some((c) => c.name === 'conversation.markRead')).toBe(true);
    expect(socket.calls.find((c) => c.name === 'desk.activity')?.payload).toEqual({ conversationId: CONVERSATION_ID, typing: false });
    expect(socket.calls.find((c) => c.name === 'timeline.page')?.payload).toMatchObject({ customerId: CUSTOMER_ID });
  });

  it('asks for the older page before the first event and prepends it', async () => {
    const { socket } = setup();
    await screen.findByText('Где мой заказ?');
    expect(screen.getByRole('button', { name: /Load earlier/ })).toBeTruthy();
    // Scrolling near the top asks for the page before the first loaded event.
    const scroller = screen.getByLabelText('Timeline events');
    scroller.scrollTop = 0;
    fireEvent.scroll(scroller);
    expect(await screen.findByText('Самое первое сообщение')).toBeTruthy();
    expect(socket.calls.filter((c) => c.name === 'timeline.page')).toHaveLength(2);
    const older = socket.calls.filter((c) => c.name === 'timeline.page')[1]!.payload;
    expect(older).toMatchObject({ customerId: CUSTOMER_ID, before: { id: 'order:o10', at: firstPage[0]!.at } });
    const articles = screen.getAllByRole('article');
    expect(articles[0]!.textContent).toContain('Самое первое сообщение');
    // Nothing older left: the button gives way to the start of the history.
    expect(screen.queryByRole('button', { name: /Load earlier/ })).toBeNull();
    expect(screen.getByText('Beginning of the history')).toBeTruthy();
  });

  it('appends a live timeline.added for this customer and applies timeline.updated', async () => {
    const { socket } = setup();
    await screen.findByText('Где мой заказ?');
    pushed(socket, 1, 'timeline.added', message(20, { body: 'Новое сообщение по SMS' }));
    expect(await screen.findByText('Новое сообщение по SMS')).toBeTruthy();
    // Another customer's event is not ours.
    pushed(socket, 2, 'timeline.added', { ...message(21, { body: 'Чужое' }), customerId: 'c-other' });
    pushed(socket, 3, 'timeline.updated', message(14, { direction: 'outbound', status: 'delivered', authorName: 'Анна Оператор', body: 'Уже ищем' }));
    await waitFor(() => expect(screen.queryByText('Number unreachable')).toBeNull());
    expect(screen.getByText('Delivered')).toBeTruthy();
    expect(screen.queryByText('Чужое')).toBeNull();
  });

  it('retries a failed message through message.retry', async () => {
    const { socket } = setup({
      'message.retry': () => ({ ok: true, data: message(14, { direction: 'outbound', status: 'queued', authorName: 'Анна Оператор', body: 'Уже ищем' }) }),
    });
    await screen.findByText('Number unreachable');
    fireEvent.click(screen.getByRole('button', { name: /Retry/ }));
    await waitFor(() => expect(screen.getByText('Queued')).toBeTruthy());
    expect(socket.calls.find((c) => c.name === 'message.retry')?.payload).toEqual({ messageId: 'm14' });
  });

  it('paints the page that came with the conversation without asking for it again', async () => {
    const detail = conversationDetail({ conversation: { ...conversationDetail().conversation, unreadCount: 1 }, timeline: { ...page(firstPage, true, false), focusId: null } });
    const { socket } = setup({ 'conversation.get': () => ({ ok: true, data: detail }) });
    const feed = await screen.findByRole('feed');
    expect(within(feed).getByText('Где мой заказ?')).toBeTruthy();
    expect(within(feed).getByText('New messages')).toBeTruthy();
    expect(socket.calls.find((c) => c.name === 'conversation.get')?.payload).toEqual({ conversationId: CONVERSATION_ID, timeline: { atMessageId: null } });
    expect(socket.calls.some((c) => c.name === 'timeline.page')).toBe(false);
    // Paging on from there works as before.
    const scroller = screen.getByLabelText('Timeline events');
    scroller.scrollTop = 0;
    fireEvent.scroll(scroller);
    expect(await screen.findByText('Самое первое сообщение')).toBeTruthy();
    expect(socket.calls.filter((c) => c.name === 'timeline.page')[0]?.payload).toMatchObject({ before: { id: 'order:o10' } });
  });

  it('asks for the page around a search hit with the conversation, and uses it when the hub found the message', async () => {
    const detail = conversationDetail({ timeline: { ...page(firstPage, true, true), focusId: 'message:m12' } });
    const { socket } = setup({ 'conversation.get': () => ({ ok: true, data: detail }) }, `/inbox/${CONVERSATION_ID}?message=m12`);
    await screen.findByText('Где мой заказ?');
    expect(socket.calls.find((c) => c.name === 'conversation.get')?.payload).toEqual({ conversationId: CONVERSATION_ID, timeline: { atMessageId: 'm12' } });
    expect(socket.calls.some((c) => c.name === 'timeline.atMessage' || c.name === 'timeline.page')).toBe(false);
    expect(screen.getByRole('button', { name: /Latest/ })).toBeTruthy();
  });

  it('opens at a message from ?message= with timeline.atMessage', async () => {
    const { socket } = setup(
      { 'timeline.atMessage': () => ({ ok: true, data: { ...page(firstPage, true, true), customerId: CUSTOMER_ID, focusId: 'message:m12' } }) },
      `/inbox/${CONVERSATION_ID}?message=m12`,
    );
    await screen.findByText('Где мой заказ?');
    expect(socket.calls.find((c) => c.name === 'timeline.atMessage')?.payload).toMatchObject({ messageId: 'm12' });
    expect(socket.calls.some((c) => c.name === 'timeline.page')).toBe(false);
    // Not at the live end: a way back to the latest events.
    expect(screen.getByRole('button', { name: /Latest/ })).toBeTruthy();
  });
});
