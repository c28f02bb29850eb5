// @vitest-environment jsdom
import { act, cleanup, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationSummary } from '../../../common/api/desk.ts';
import type { SequencedEvent } from '../../../common/realtime/events.ts';
import { FakeSocket, renderWithHub } from '../test/fakeHub.tsx';
import { DeskNotifier } from './notifications.tsx';

const summary = (id: string, assigneeId: string | null): ConversationSummary => ({
  id,
  customerId: 'cu1',
  customerName: 'Алёна',
  status: 'open',
  channel: 'sms',
  lastChannel: 'sms',
  subject: null,
  preview: 'hi',
  lastDirection: 'inbound',
  assigneeId,
  assigneeName: null,
  teamId: null,
  storeId: null,
  tags: [],
  unreadCount: 1,
  lastActivityAt: '2026-11-23T10:00:00.000Z',
  waitingSince: null,
  snoozedUntil: null,
  firstResponseDueAt: null,
  firstResponseAt: null,
});

const inbound = (seq: number, conversationId: string): SequencedEvent => ({
  seq,
  type: 'timeline.added',
  payload: {
    conversationId,
    event: {
      kind: 'message',
      id: `message:m${seq}`,
      at: '2026-11-23T10:00:00.000Z',
      customerId: 'cu1',
      payload: {
        messageId: `m${seq}`,
        conversationId,
        channel: 'sms',
        direction: 'inbound',
        body: 'Где мой заказ?',
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
      },
    },
  },
});

describe('DeskNotifier', () => {
  const created: Array<{ title: string; body: string }> = [];
  beforeEach(() => {
    created.length = 0;
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = vi.fn();
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body: string }) {
        created.push({ title, body: options.body });
      }
      close() {}
    }
    vi.stubGlobal('Notification', FakeNotification);
    sessionStorage.clear();
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('notifies an inbound message in a conversation assigned to me, not in others', async () => {
    const socket = new FakeSocket();
    renderWithHub(<DeskNotifier />, { socket, path: '/customers' });
    await waitFor(() => expect(socket.connected).toBe(true));
    act(() => {
      socket.fire('conversation.changed', [summary('mine', 'u-1'), summary('theirs', 'u-2')]);
      socket.fire('desk.event', [inbound(1, 'theirs')]);
      socket.fire('desk.event', [inbound(2, 'mine')]);
    });
    await waitFor(() => expect(created).toHaveLength(1), { timeout: 2000 });
    expect(created[0]).toEqual({ title: 'New message from Алёна', body: 'Где мой заказ?' });
  });
});
