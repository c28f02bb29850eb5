// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoyaltyEntryView, LoyaltyLedgerPage } from '../../../../common/api/loyalty.ts';
import { FakeSocket, renderWithHub } from '../../test/fakeHub.tsx';
import { LoyaltyHistory } from './LoyaltyHistory.tsx';

const entry = (id: string, patch: Partial<LoyaltyEntryView>): LoyaltyEntryView => ({
  id,
  kind: 'accrual',
  points: 100,
  reason: null,
  orderId: null,
  expiresAt: null,
  createdByName: null,
  createdAt: '2026-11-20T10:00:00.000Z',
  ...patch,
});
const page = (items: LoyaltyEntryView[], nextCursor: string | null): { ok: true; data: LoyaltyLedgerPage } => ({
  ok: true,
  data: { items, nextCursor, balance: 500, goodwillRemainingToday: null },
});

describe('LoyaltyHistory', () => {
  afterEach(cleanup);

  it('lists entries newest first with their kind, signed points and author, and loads more on request', async () => {
    const socket = new FakeSocket({
      'loyalty.ledger': (payload) =>
        (payload as { cursor?: string | null }).cursor === 'p2'
          ? page([entry('e-3', { kind: 'accrual', points: 700, reason: 'Начисление за заказ № 1', expiresAt: '2027-11-20T10:00:00.000Z' })], null)
          : page(
              [
                entry('e-1', { kind: 'adjustment', points: 300, reason: 'Компенсация за задержку', createdByName: 'Анна Оператор' }),
                entry('e-2', { kind: 'expiry', points: -200 }),
              ],
              'p2',
            ),
    });
    renderWithHub(
      <>
        <h3 id="history">History</h3>
        <LoyaltyHistory customerId="c-1" labelledBy="history" />
      </>,
      { socket },
    );
    const table = await screen.findByRole('table', { name: 'History' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]!.textContent)).toEqual(['Points adjusted', 'Points expired']);
    expect(rows[0]!.textContent).toContain('+300');
    expect(rows[0]!.textContent).toContain('by Анна Оператор');
    expect(rows[1]!.textContent).toContain('−200');

    fireEvent.click(screen.getByRole('button', { name: 'Show more' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(screen.getByText(/^valid until .*2027$/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    expect(socket.calls.filter((c) => c.name === 'loyalty.ledger').map((c) => (c.payload as { cursor: string | null }).cursor)).toEqual([null, 'p2']);
  });

  it('says when there is nothing yet, and offers a retry when the hub refuses', async () => {
    const socket = new FakeSocket({ 'loyalty.ledger': () => page([], null) });
    renderWithHub(<LoyaltyHistory customerId="c-1" labelledBy="x" />, { socket });
    expect(await screen.findByText('No entries yet')).toBeTruthy();
    cleanup();

    const failing = new FakeSocket({ 'loyalty.ledger': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'Loyalty account not found' } }) });
    renderWithHub(<LoyaltyHistory customerId="c-1" labelledBy="x" />, { socket: failing });
    expect(await screen.findByRole('alert')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(failing.calls.filter((c) => c.name === 'loyalty.ledger')).toHaveLength(2));
  });
});
