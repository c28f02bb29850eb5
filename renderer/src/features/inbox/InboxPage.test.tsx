// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary, InboxCounts } from '../../../../common/api/desk.ts';
import { FakeSocket, renderWithHub } from '../../test/fakeHub.tsx';
import { InboxPage } from './InboxPage.tsx';

const summary = (id: string, patch: Partial<ConversationSummary> = {}): ConversationSummary => ({
  id,
  customerId: `cu-${id}`,
  customerName: `Customer ${id}`,
  status: 'open',
  channel: 'sms',
  lastChannel: 'sms',
  subject: null,
  preview: `Hello from ${id}`,
  lastDirection: 'inbound',
  assigneeId: null,
  assigneeName: null,
  teamId: null,
  storeId: null,
  tags: [],
  unreadCount: 0,
  lastActivityAt: '2026-11-23T10:00:00.000Z',
  waitingSince: null,
  snoozedUntil: null,
  firstResponseDueAt: null,
  firstResponseAt: null,
  ...patch,
});

const rows = [
  summary('c1', { lastActivityAt: '2026-11-23T10:03:00.000Z', unreadCount: 2, tags: ['vip'], assigneeId: 'u-1', assigneeName: 'Анна Оператор' }),
  summary('c2', { lastActivityAt: '2026-11-23T10:02:00.000Z', firstResponseDueAt: new Date(Date.now() - 5 * 60_000).toISOString() }),
  summary('c3', { lastActivityAt: '2026-11-23T10:01:00.000Z', firstResponseDueAt: new Date(Date.now() + 30 * 60_000).toISOString() }),
];

const counts = (allOpen: number, mineUnread = 1): InboxCounts => ({
  views: [
    { view: 'mine', open: 1, unread: mineUnread },
    { view: 'unassigned', open: 2, unread: 0 },
    { view: 'all', open: allOpen, unread: 1 },
  ],
});

function setup() {
  let currentCounts = counts(3);
  const socket = new FakeSocket({
    'inbox.list': () => ({ ok: true, data: { items: rows, nextCursor: null } }),
    'inbox.counts': () => ({ ok: true, data: currentCounts }),
    'store.list': () => ({ ok: true, data: [] }),
    'conversation.setStatus': (payload) => {
      const { conversationIds } = payload as { conversationIds: string[] };
      return { ok: true, data: { updated: conversationIds.length, conversations: conversationIds.map((id) => ({ ...rows.find((r) => r.id === id)!, status: 'resolved' })) } };
    },
  });
  const view = renderWithHub(
    <Routes>
      <Route path="/inbox" element={<InboxPage />}>
        <Route path=":conversationId" element={<div>pane</div>} />
      </Route>
    </Routes>,
    { socket, path: '/inbox' },
  );
  return { ...view, setCounts: (c: InboxCounts) => (currentCounts = c) };
}

const names = () => within(screen.getByRole('list', { name: 'Conversations' })).getAllByRole('link').map((a) => a.textContent);

// jsdom has no layout: give the virtualised list a window to render into.
const sizes = ['clientHeight', 'clientWidth'] as const;
const saved = sizes.map((k) => Object.getOwnPropertyDescriptor(HTMLElement.prototype, k));

describe('InboxPage', () => {
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
  });
  afterAll(() => {
    sizes.forEach((k, i) => saved[i] && Object.defineProperty(HTMLElement.prototype, k, saved[i]));
  });
  afterEach(() => {
    cleanup();
    sessionStorage.clear();
  });

  it('renders the rows: name, preview, tags, assignee, unread badge and the SLA timer (overdue in red)', async () => {
    const { socket } = setup();
    await waitFor(() => expect(names()).toEqual(['Customer c1', 'Customer c2', 'Customer c3']));
    expect(socket.calls.find((c) => c.name === 'inbox.list')?.payload).toMatchObject({ view: 'all', status: 'open', sort: 'last_activity', limit: 50 });
    expect(screen.getByText('Hello from c1')).toBeTruthy();
    expect(screen.getByText('vip')).toBeTruthy();
    expect(screen.getByText('2 unread messages')).toBeTruthy();
    const overdue = screen.getByText(/^Overdue/);
    expect(overdue.closest('.sla')?.className).toContain('sla--overdue');
    expect(screen.getByText(/^Reply within/)).toBeTruthy();
    // Counts per view.
    await waitFor(() => expect(screen.getByRole('button', { name: /^All/ }).textContent).toContain('3 open conversations'));
  });

  it('moves a row to its place on conversation.changed and refreshes the counts, without reloading the list', async () => {
    const { socket, setCounts } = setup();
    await waitFor(() => expect(names()).toHaveLength(3));
    const listCalls = socket.calls.filter((c) => c.name === 'inbox.list').length;
    setCounts(counts(4));
    // A new message in c3 makes it the latest.
    act(() => socket.fire('conversation.changed', [summary('c3', { lastActivityAt: '2026-11-23T10:05:00.000Z', preview: 'New!' })]));
    expect(names()).toEqual(['Customer c3', 'Customer c1', 'Customer c2']);
    expect(screen.getByText('New!')).toBeTruthy();
    // A conversation that left the view (resolved) leaves the list; a new one comes in.
    act(() => socket.fire('conversation.changed', [summary('c1', { status: 'resolved', lastActivityAt: '2026-11-23T10:06:00.000Z' }), summary('c9', { lastActivityAt: '2026-11-23T10:01:30.000Z' })]));
    expect(names()).toEqual(['Customer c3', 'Customer c2', 'Customer c9']);
    await waitFor(() => expect(screen.getByRole('button', { name: /^All/ }).textContent).toContain('4 open conversations'));
    expect(socket.calls.filter((c) => c.name === 'inbox.list').length).toBe(listCalls);
  });

  it('bulk resolve sends the selected ids in one command', async () => {
    const { socket } = setup();
    await waitFor(() => expect(names()).toHaveLength(3));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select conversation with Customer c1' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select conversation with Customer c3' }));
    const bar = screen.getByRole('toolbar');
    expect(bar.textContent).toContain('2 selected');
    fireEvent.click(within(bar).getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(socket.calls.some((c) => c.name === 'conversation.setStatus')).toBe(true));
    expect(socket.calls.find((c) => c.name === 'conversation.setStatus')?.payload).toEqual({ conversationIds: ['c1', 'c3'], status: 'resolved' });
    // The answer moves them out of the Open view at once.
    await waitFor(() => expect(names()).toEqual(['Customer c2']));
    expect(screen.getByText('2 conversations updated')).toBeTruthy();
  });

  it('select-all selects every loaded row', async () => {
    setup();
    await waitFor(() => expect(names()).toHaveLength(3));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all loaded conversations' }));
    expect(screen.getByRole('toolbar').textContent).toContain('3 selected');
  });

  it('keyboard: j opens the next conversation, e resolves the open one', async () => {
    const { socket } = setup();
    await waitFor(() => expect(names()).toHaveLength(3));
    fireEvent.keyDown(document.body, { key: 'j' });
    await waitFor(() => expect(screen.getByText('pane')).toBeTruthy());
    expect(screen.getByRole('link', { name: 'Customer c1' }).getAttribute('aria-current')).toBe('page');
    fireEvent.keyDown(document.body, { key: 'j' });
    await waitFor(() => expect(screen.getByRole('link', { name: 'Customer c2' }).getAttribute('aria-current')).toBe('page'));
    fireEvent.keyDown(document.body, { key: 'e' });
    await waitFor(() => expect(socket.calls.find((c) => c.name === 'conversation.setStatus')?.payload).toEqual({ conversationIds: ['c2'], status: 'resolved' }));
  });

  it('a filter change asks the hub for that view', async () => {
    const { socket } = setup();
    await waitFor(() => expect(names()).toHaveLength(3));
    fireEvent.click(screen.getByRole('button', { name: /^Mine/ }));
    await waitFor(() => expect(socket.calls.filter((c) => c.name === 'inbox.list').at(-1)?.payload).toMatchObject({ view: 'mine' }));
    fireEvent.change(screen.getByLabelText('Sort'), { target: { value: 'longest_waiting' } });
    await waitFor(() => expect(socket.calls.filter((c) => c.name === 'inbox.list').at(-1)?.payload).toMatchObject({ view: 'mine', sort: 'longest_waiting' }));
  });
});
