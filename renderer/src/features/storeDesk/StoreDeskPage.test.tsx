// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreStockRow } from '../../../../common/api/catalog.ts';
import type { ReservationView } from '../../../../common/api/reservations.ts';
import type { StoreView } from '../../../../common/api/stores.ts';
import { FakeSocket, renderWithHub } from '../../test/fakeHub.tsx';
import { StoreDeskPage } from './StoreDeskPage.tsx';

const hours = { open: '10:00', close: '22:00' };
const storeView: StoreView = {
  id: 's1',
  code: 'MSK-1',
  name: 'Ампер на Тверской',
  address: 'Тверская ул., 12',
  city: 'Москва',
  latitude: 55.76,
  longitude: 37.6,
  timeZone: 'Europe/Moscow',
  openingHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours },
};

const reservation = (id: string, code: string, holdUntil: string, over: Partial<ReservationView> = {}): ReservationView => ({
  id,
  code,
  status: 'requested',
  customerId: `cu-${id}`,
  customerName: `Клиент ${code}`,
  customerPhone: '+7 *** ***-12-34',
  productId: 'p1',
  productName: 'Ноутбук Aster 15',
  sku: 'NB-15',
  priceKopecks: 5_999_000,
  storeId: 's1',
  storeName: storeView.name,
  storeAddress: storeView.address,
  quantity: 1,
  holdUntil,
  conversationId: null,
  orderId: null,
  cancelReason: null,
  notice: null,
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  ...over,
});

const later = reservation('r1', 'LATE01', '2026-11-25T18:00:00.000Z');
const sooner = reservation('r2', 'SOON02', '2026-11-24T18:00:00.000Z', { status: 'confirmed' });

const stockRow = (over: Partial<StoreStockRow> = {}): StoreStockRow => ({
  productId: 'p1',
  sku: 'NB-15',
  name: 'Ноутбук Aster 15',
  brand: 'Aster',
  onHand: 4,
  reserved: 1,
  available: 3,
  updatedAt: '2026-11-23T09:00:00.000Z',
  ...over,
});

function setup(handlers: FakeSocket['handlers'] = {}, queue: ReservationView[] = [later, sooner]) {
  let items = queue;
  const socket = new FakeSocket({
    'store.list': () => ({ ok: true, data: [storeView] }),
    'reservation.list': () => ({ ok: true, data: { items, nextCursor: null } }),
    ...handlers,
  });
  const view = renderWithHub(<StoreDeskPage />, { socket, role: 'store_staff' });
  return { ...view, socket, setQueue: (next: ReservationView[]) => (items = next) };
}

const calls = (socket: FakeSocket, name: string) => socket.calls.filter((c) => c.name === name).map((c) => c.payload);
const card = (code: string) => screen.getByRole('article', { name: code });

describe('StoreDeskPage', () => {
  afterEach(cleanup);

  it('shows the own store queue, soonest hold first, customers only by name and masked phone', async () => {
    const { socket } = setup();
    expect(await screen.findByRole('heading', { level: 1, name: storeView.name })).toBeTruthy();
    expect(screen.getByRole('tab', { name: /Queue/ }).getAttribute('aria-selected')).toBe('true');
    const queue = await screen.findByRole('list', { name: 'Reservation queue' });
    expect(within(queue).getAllByRole('article').map((a) => within(a).getByRole('heading').textContent)).toEqual(['SOON02', 'LATE01']);
    expect(card('LATE01').textContent).toContain('+7 *** ***-12-34');
    expect(calls(socket, 'reservation.list')).toEqual([{ storeId: 's1', scope: 'active', limit: 100, cursor: null }]);
    expect(within(card('LATE01')).getByRole('button', { name: 'Confirm' })).toBeTruthy();
    expect(within(card('SOON02')).getByRole('button', { name: 'Ready for pickup' })).toBeTruthy();
  });

  it('confirms with the status it saw and shows the next step', async () => {
    const { socket } = setup({
      'reservation.transition': (payload) => ({ ok: true, data: { ...later, status: (payload as { to: 'confirmed' }).to } }),
    });
    await screen.findByRole('list', { name: 'Reservation queue' });
    fireEvent.click(within(card('LATE01')).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(within(card('LATE01')).getByRole('button', { name: 'Ready for pickup' })).toBeTruthy());
    expect(calls(socket, 'reservation.transition')).toEqual([{ id: 'r1', to: 'confirmed', expectedStatus: 'requested' }]);
    expect(card('LATE01').textContent).toContain('Confirmed by store');
  });

  it('a new reservation for this store appears live; one for another store changes nothing', async () => {
    const { socket, setQueue } = setup();
    await screen.findByRole('list', { name: 'Reservation queue' });
    setQueue([later, sooner, reservation('r3', 'NEW003', '2026-11-24T10:00:00.000Z')]);
    act(() => socket.fire('reservation.changed', [{ id: 'r9', code: 'OTHER9', storeId: 's2', customerId: 'x', status: 'requested' }]));
    expect(calls(socket, 'reservation.list')).toHaveLength(1);
    act(() => socket.fire('reservation.changed', [{ id: 'r3', code: 'NEW003', storeId: 's1', customerId: 'cu-r3', status: 'requested' }]));
    await waitFor(() => expect(screen.getByRole('article', { name: 'NEW003' })).toBeTruthy());
    expect(within(screen.getByRole('list', { name: 'Reservation queue' })).getAllByRole('article')[0]!.textContent).toContain('NEW003');
  });

  it('cancelling asks for a reason and takes the reservation off the queue', async () => {
    const { socket } = setup({ 'reservation.transition': () => ({ ok: true, data: { ...later, status: 'cancelled', cancelReason: 'Клиент передумал' } }) });
    await screen.findByRole('list', { name: 'Reservation queue' });
    fireEvent.click(within(card('LATE01')).getByRole('button', { name: 'Cancel' }));
    const dialog = screen.getByRole('dialog', { name: 'Cancel reservation LATE01?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel reservation' }));
    expect(within(dialog).getByText('Give a reason (3 characters or more)')).toBeTruthy();
    expect(calls(socket, 'reservation.transition')).toEqual([]);
    fireEvent.change(within(dialog).getByLabelText(/Reason/), { target: { value: 'Клиент передумал' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel reservation' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: 'LATE01' })).toBeNull());
    expect(calls(socket, 'reservation.transition')).toEqual([{ id: 'r1', to: 'cancelled', reason: 'Клиент передумал', expectedStatus: 'requested' }]);
  });

  it('a step someone else took first is refused clearly and the queue refetched', async () => {
    const { socket, setQueue } = setup({ 'reservation.transition': () => ({ ok: false, error: { code: 'CONFLICT', message: 'already confirmed' } }) });
    await screen.findByRole('list', { name: 'Reservation queue' });
    setQueue([{ ...later, status: 'confirmed' }, sooner]);
    fireEvent.click(within(card('LATE01')).getByRole('button', { name: 'Confirm' }));
    expect(await within(card('LATE01')).findByText('Someone changed this reservation on another device. The list is refreshed.')).toBeTruthy();
    await waitFor(() => expect(within(card('LATE01')).getByRole('button', { name: 'Ready for pickup' })).toBeTruthy());
    expect(calls(socket, 'reservation.list').length).toBeGreaterThan(1);
  });

  it('finds a reservation by code or the last four phone digits', async () => {
    const { socket } = setup({ 'reservation.find': () => ({ ok: true, data: [later] }) });
    fireEvent.click(await screen.findByRole('tab', { name: /Find a reservation/ }));
    const box = screen.getByRole('textbox', { name: /Reservation code or the last 4 digits/ });
    fireEvent.change(box, { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    expect(screen.getByText('At least 4 characters')).toBeTruthy();
    expect(calls(socket, 'reservation.find')).toEqual([]);
    fireEvent.change(box, { target: { value: '1234' } });
    fireEvent.click(screen.getByRole('button', { name: 'Find' }));
    expect(await screen.findByRole('article', { name: 'LATE01' })).toBeTruthy();
    expect(calls(socket, 'reservation.find')).toEqual([{ storeId: 's1', query: '1234' }]);
  });

  it('corrects stock with the count it saw; a concurrent change shows the new count and the retry uses it', async () => {
    let corrections = 0;
    const { socket } = setup({
      'stock.listStore': (payload) =>
        ({ ok: true, data: { items: [stockRow((payload as { q: string }).q ? { onHand: 5, available: 4 } : {})], nextCursor: null } }),
      'stock.correct': (payload) =>
        ++corrections === 1
          ? { ok: false, error: { code: 'CONFLICT', message: 'changed' } }
          : { ok: true, data: stockRow({ onHand: (payload as { onHand: number }).onHand, available: (payload as { onHand: number }).onHand - 1 }) },
    });
    fireEvent.click(await screen.findByRole('tab', { name: /Stock/ }));
    fireEvent.click(await screen.findByRole('button', { name: 'Correct the stock of Ноутбук Aster 15' }));
    const dialog = screen.getByRole('dialog', { name: 'Stock: Ноутбук Aster 15' });
    fireEvent.change(within(dialog).getByRole('spinbutton', { name: /Count on the shelf now/ }), { target: { value: '2' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Reason/ }), { target: { value: 'Пересчёт' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save the count' }));
    expect(await within(dialog).findByText(/it is 5 now/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save the count' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const sent = calls(socket, 'stock.correct') as Array<{ expectedOnHand: number; onHand: number; reason: string }>;
    expect(sent.map((c) => [c.expectedOnHand, c.onHand, c.reason])).toEqual([
      [4, 2, 'Пересчёт'],
      [5, 2, 'Пересчёт'],
    ]);
    const row = screen.getByRole('row', { name: /Ноутбук Aster 15/ });
    expect(within(row).getAllByRole('cell')[0]!.textContent).toBe('2');
  });

  it('follows stock pushes for its own store', async () => {
    const { socket } = setup({ 'stock.listStore': () => ({ ok: true, data: { items: [stockRow()], nextCursor: null } }) });
    fireEvent.click(await screen.findByRole('tab', { name: /Stock/ }));
    const row = await screen.findByRole('row', { name: /Ноутбук Aster 15/ });
    act(() => socket.fire('stock.changed', [{ storeId: 's2', productId: 'p1', onHand: 9, reserved: 0, available: 9, source: 'import' }]));
    expect(within(row).getAllByRole('cell')[0]!.textContent).toBe('4');
    act(() => socket.fire('stock.changed', [{ storeId: 's1', productId: 'p1', onHand: 4, reserved: 2, available: 2, source: 'reservation' }]));
    expect(within(row).getAllByRole('cell').slice(0, 3).map((c) => c.textContent)).toEqual(['4', '2', '2']);
  });
});
