// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoyaltyEntryView, LoyaltyLedgerPage } from '../../../../common/api/loyalty.ts';
import type { Role } from '../../../../common/domain/enums.ts';
import { FakeSocket, renderWithHub, type Handler } from '../../test/fakeHub.tsx';
import { GrantPointsDialog } from './GrantPointsDialog.tsx';

const entry: LoyaltyEntryView = {
  id: 'e-1',
  kind: 'adjustment',
  points: 200,
  reason: 'Компенсация за задержку',
  orderId: null,
  expiresAt: null,
  createdByName: 'Анна Оператор',
  createdAt: '2026-11-23T10:00:00.000Z',
};
const ledger = (remaining: number | null): Handler => () => ({ ok: true, data: { items: [], nextCursor: null, balance: 1000, goodwillRemainingToday: remaining } satisfies LoyaltyLedgerPage });

const setup = (handlers: Record<string, Handler>, { role = 'agent' as Role, locale = 'en' as 'en' | 'ru' } = {}) => {
  const onGranted = vi.fn();
  const onClose = vi.fn();
  const socket = new FakeSocket({ 'loyalty.ledger': ledger(500), ...handlers });
  const view = renderWithHub(<GrantPointsDialog customerId="c-1" balance={1000} onClose={onClose} onGranted={onGranted} />, { socket, role, locale });
  return { ...view, onGranted, onClose };
};
const adjustCalls = (socket: FakeSocket) => socket.calls.filter((c) => c.name === 'loyalty.adjust').map((c) => c.payload as Record<string, unknown>);
const fill = (points: string, reason: string) => {
  fireEvent.change(screen.getByLabelText(/^Points/), { target: { value: points } });
  fireEvent.change(screen.getByLabelText(/^Reason/), { target: { value: reason } });
};
const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;

describe('GrantPointsDialog', () => {
  afterEach(cleanup);

  it('is a labelled dialog that shows the daily allowance and grants with a reason', async () => {
    const { socket, onGranted } = setup({ 'loyalty.adjust': () => ({ ok: true, data: { entry, balance: 1200 } }) });
    expect(screen.getByRole('dialog', { name: 'Grant loyalty points' })).toBeTruthy();
    expect(await screen.findByText('You can grant 500 more points today.')).toBeTruthy();
    fill('200', 'Компенсация за задержку');
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    await waitFor(() => expect(onGranted).toHaveBeenCalledWith({ entry, balance: 1200 }));
    const [sent] = adjustCalls(socket);
    expect(sent).toMatchObject({ customerId: 'c-1', points: 200, reason: 'Компенсация за задержку' });
    expect(sent!.clientId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses more than the allowance and a missing reason before asking the hub', async () => {
    const { socket } = setup({ 'loyalty.adjust': () => ({ ok: true, data: { entry, balance: 1200 } }) });
    await screen.findByText('You can grant 500 more points today.');
    fill('600', 'Компенсация');
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    expect(errorOf(screen.getByLabelText(/^Points/))).toBe('That is over your daily limit: 500 points remain today.');
    fill('100', '');
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    expect(errorOf(screen.getByLabelText(/^Reason/))).toBe('Say why, in at least 3 characters.');
    expect(screen.getByLabelText(/^Reason/).getAttribute('aria-invalid')).toBe('true');
    expect(adjustCalls(socket)).toEqual([]);
  });

  it("shows the hub's refusal with the refreshed allowance, and a retry reuses the request id", async () => {
    let remaining = 500;
    const adjust = vi.fn<Handler>(() => ({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Over your daily goodwill limit of 500 points: 50 remain today', fields: [{ path: 'points', message: 'at most 50 today' }] },
    }));
    const { socket, onGranted } = setup({ 'loyalty.adjust': adjust, 'loyalty.ledger': () => ledger(remaining)({}) });
    await screen.findByText('You can grant 500 more points today.');
    // A colleague's grants at another desk are not known here: the hub is the judge.
    remaining = 50;
    fill('300', 'Компенсация за задержку');
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    await waitFor(() => expect(errorOf(screen.getByLabelText(/^Points/))).toBe('That is over your daily limit: 50 points remain today.'));
    expect(screen.getByText('You can grant 50 more points today.')).toBeTruthy();
    expect(onGranted).not.toHaveBeenCalled();

    adjust.mockImplementation(() => ({ ok: true, data: { entry, balance: 1050 } }));
    fill('50', 'Компенсация за задержку');
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    await waitFor(() => expect(onGranted).toHaveBeenCalled());
    const [first, second] = adjustCalls(socket);
    expect(second!.clientId).toBe(first!.clientId);
  });

  it('lets supervisors take points away but not below the balance; agents cannot', async () => {
    setup({}, { role: 'supervisor' });
    await screen.findByText('You can grant 500 more points today.');
    expect(screen.getByText('A negative number takes points away (at most the balance of 1,000).')).toBeTruthy();
    fill('-1500', 'Возврат товара');
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    expect(errorOf(screen.getByLabelText(/^Points/))).toBe('The customer has only 1,000 points.');
    cleanup();

    const agent = setup({});
    await screen.findByText('You can grant 500 more points today.');
    fill('-10', 'Возврат товара');
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    expect(errorOf(screen.getByLabelText(/^Points/))).toBe('Only a supervisor or an administrator can take points away.');
    expect(adjustCalls(agent.socket)).toEqual([]);
  });

  it('speaks Russian and says when a role grants no goodwill', async () => {
    setup({ 'loyalty.ledger': ledger(null) }, { role: 'admin', locale: 'ru' });
    expect(screen.getByRole('dialog', { name: 'Начисление баллов' })).toBeTruthy();
    expect(await screen.findByText('Ваша роль не может начислять баллы.')).toBeTruthy();
  });
});
