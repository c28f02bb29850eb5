// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CatalogSearchResult, ProductStock, StoreStock } from '../../../../common/api/catalog.ts';
import type { ReservationView } from '../../../../common/api/reservations.ts';
import { FakeSocket, renderWithHub } from '../../test/fakeHub.tsx';
import { ReserveLauncher } from './ReserveLauncher.tsx';

const hours = { open: '10:00', close: '22:00' };
const openingHours = { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours };

const product = {
  id: 'p1',
  sku: 'GPU-4070S',
  barcode: '4601234567890',
  name: 'Видеокарта RTX 4070 Super',
  brand: 'Palit',
  category: 'gpu',
  priceKopecks: 6_499_000,
  totalAvailable: 5,
};

const store = (id: string, name: string, distanceKm: number | null, onHand: number, reserved: number): StoreStock => ({
  storeId: id,
  storeCode: id.toUpperCase(),
  storeName: name,
  address: `ул. ${name}, 1`,
  city: 'Москва',
  timeZone: 'Europe/Moscow',
  openingHours,
  openNow: true,
  distanceKm,
  onHand,
  reserved,
  available: onHand - reserved,
});

const search: CatalogSearchResult = { items: [{ ...product, match: 'layout' }], understoodAs: 'видеокарта' };
const stock: ProductStock = {
  product,
  // Nearest first: the nearest has none left, so the next one is picked.
  stores: [store('s1', 'Тверская', 2.4, 1, 1), store('s2', 'Арбат', 5.8, 3, 0), store('s3', 'Химки', 21, 2, 0)],
  fromCity: 'Москва',
};

const reservation = (over: Partial<ReservationView> = {}): ReservationView => ({
  id: 'r1',
  code: 'K7P4QX',
  status: 'requested',
  customerId: 'cu1',
  customerName: 'Анна Иванова',
  customerPhone: '+7 912 345-67-89',
  productId: 'p1',
  productName: product.name,
  sku: product.sku,
  priceKopecks: product.priceKopecks,
  storeId: 's2',
  storeName: 'Арбат',
  storeAddress: 'ул. Арбат, 1',
  quantity: 1,
  holdUntil: '2026-11-24T19:00:00.000Z',
  conversationId: 'c1',
  orderId: null,
  cancelReason: null,
  notice: { channel: 'sms', messageId: 'm9', skippedReason: null },
  createdAt: '2026-11-23T10:00:00.000Z',
  updatedAt: '2026-11-23T10:00:00.000Z',
  ...over,
});

function setup(handlers: FakeSocket['handlers'] = {}) {
  const socket = new FakeSocket({
    'catalog.search': () => ({ ok: true, data: search }),
    'stock.forProduct': () => ({ ok: true, data: stock }),
    'reservation.create': () => ({ ok: true, data: reservation() }),
    ...handlers,
  });
  const view = renderWithHub(<ReserveLauncher customerId="cu1" customerName="Анна Иванова" conversationId="c1" />, { socket });
  return { ...view, socket };
}

async function openProduct() {
  fireEvent.click(screen.getByRole('button', { name: 'Reserve' }));
  const panel = screen.getByRole('region', { name: 'Reserve for Анна Иванова' });
  const box = within(panel).getByRole('searchbox', { name: 'Product: name, brand, SKU or barcode' });
  expect(document.activeElement).toBe(box);
  fireEvent.change(box, { target: { value: 'dbltjrfhnf' } });
  const hit = await within(panel).findByRole('button', { name: /Видеокарта RTX 4070 Super/ });
  fireEvent.click(hit);
  await within(panel).findByRole('table', { name: 'Stock per store' });
  return panel;
}

const calls = (socket: FakeSocket, name: string) => socket.calls.filter((c) => c.name === name).map((c) => c.payload);

describe('ReservePanel', () => {
  afterEach(cleanup);

  it('searches after the debounce and shows price, stock and how the query was understood', async () => {
    const { socket } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Reserve' }));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'dbltjrfhnf' } });
    expect(calls(socket, 'catalog.search')).toEqual([]);
    const hit = await screen.findByRole('button', { name: /Видеокарта RTX 4070 Super/ });
    expect(calls(socket, 'catalog.search')).toEqual([{ q: 'dbltjrfhnf', limit: 20 }]);
    expect(hit.textContent).toMatch(/64\s990\s₽/);
    expect(hit.textContent).toContain('5 available across stores');
    expect(hit.textContent).toContain('SKU GPU-4070S');
    expect(screen.getByText(/Searched for “видеокарта”/)).toBeTruthy();
  });

  it('says when nothing matches and offers a retry when the hub fails', async () => {
    let fail = false;
    setup({
      'catalog.search': () => (fail ? { ok: false, error: { code: 'UNAVAILABLE', message: 'busy' } } : { ok: true, data: { items: [], understoodAs: null } }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Reserve' }));
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'zzzz' } });
    expect(await screen.findByText('Nothing found for “zzzz”')).toBeTruthy();
    fail = true;
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'yyyy' } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain("Couldn't search the catalogue.");
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Nothing found for “yyyy”')).toBeTruthy();
  });

  it('lists stores nearest first for the customer, picks the nearest with stock and follows stock pushes', async () => {
    const { socket } = setup();
    const panel = await openProduct();
    expect(calls(socket, 'stock.forProduct')).toEqual([{ productId: 'p1', customerId: 'cu1' }]);
    const rows = within(panel).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('radio').getAttribute('value'))).toEqual(['s1', 's2', 's3']);
    expect(rows[0]!.textContent).toContain('2 km');
    expect((within(rows[0]!).getByRole('radio') as HTMLInputElement).disabled).toBe(true);
    expect((within(panel).getByRole('radio', { name: /Арбат/ }) as HTMLInputElement).checked).toBe(true);
    expect(within(panel).getByText('Up to 3')).toBeTruthy();

    act(() => socket.fire('stock.changed', [{ storeId: 's2', productId: 'p1', onHand: 3, reserved: 2, available: 1, source: 'reservation' }]));
    expect(within(rows[1]!).getAllByRole('cell').at(-1)!.textContent).toBe('1');
    expect(within(panel).getByText('Up to 1')).toBeTruthy();
  });

  it("refuses a hold in the past or beyond the hub's limit, and says the hub's refusal the desk's way", async () => {
    const { socket } = setup({
      'reservation.create': () => ({ ok: false, error: { code: 'BAD_REQUEST', message: 'bad', fields: [{ path: 'holdUntil', message: 'The hold-until time must be in the future' }] } }),
    });
    const panel = await openProduct();
    fireEvent.click(within(panel).getByRole('radio', { name: 'Until a time I choose' }));
    const when = within(panel).getByLabelText(/Date and time/);
    fireEvent.change(when, { target: { value: '2020-01-01T10:00' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Reserve' }));
    expect(await within(panel).findByText('That time has passed')).toBeTruthy();
    fireEvent.change(when, { target: { value: '2099-01-01T10:00' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Reserve' }));
    expect(await within(panel).findByText('At most 14 days ahead')).toBeTruthy();
    expect(calls(socket, 'reservation.create')).toEqual([]);
    // The hub's clock may be ahead of the desk's: its refusal lands on the same field.
    const soon = new Date(Date.now() + 3_600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    fireEvent.change(when, { target: { value: `${soon.getFullYear()}-${pad(soon.getMonth() + 1)}-${pad(soon.getDate())}T${pad(soon.getHours())}:${pad(soon.getMinutes())}` } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Reserve' }));
    expect(await within(panel).findByText('That time has passed')).toBeTruthy();
    expect(calls(socket, 'reservation.create')).toHaveLength(1);
  });

  it('refuses more than the store has without asking the hub', async () => {
    const { socket } = setup();
    const panel = await openProduct();
    fireEvent.change(within(panel).getByRole('spinbutton', { name: /Quantity/ }), { target: { value: '4' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Reserve' }));
    expect(await within(panel).findByText('Only 3 available in this store')).toBeTruthy();
    expect(calls(socket, 'reservation.create')).toEqual([]);
  });

  it('reserves with the hub deciding the hold, and shows the code and how the customer was told', async () => {
    const { socket } = setup();
    const panel = await openProduct();
    fireEvent.click(within(panel).getByRole('radio', { name: /Химки/ }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Reserve' }));
    expect(await within(panel).findByText('K7P4QX')).toBeTruthy();
    const [sent] = calls(socket, 'reservation.create') as Array<Record<string, unknown>>;
    expect(sent).toMatchObject({ customerId: 'cu1', conversationId: 'c1', productId: 'p1', storeId: 's3', quantity: 1, holdUntil: null, notify: true });
    expect(sent!.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(within(panel).getByText('The customer was sent a message: SMS')).toBeTruthy();
  });

  it('sends a chosen hold-until as an instant and can leave the customer untold', async () => {
    const { socket } = setup({ 'reservation.create': () => ({ ok: true, data: reservation({ notice: null }) }) });
    const panel = await openProduct();
    fireEvent.click(within(panel).getByRole('radio', { name: 'Until a time I choose' }));
    const at = new Date(Date.now() + 2 * 24 * 3_600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    const local = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
    fireEvent.change(within(panel).getByLabelText(/Date and time/), { target: { value: local } });
    fireEvent.click(within(panel).getByRole('checkbox', { name: /Tell the customer/ }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Reserve' }));
    expect(await within(panel).findByText('The customer was not told — read them the code.')).toBeTruthy();
    const [sent] = calls(socket, 'reservation.create') as Array<Record<string, unknown>>;
    expect(sent).toMatchObject({ holdUntil: new Date(local).toISOString(), notify: false });
  });

  it('on CONFLICT refreshes the stock, says how many are left and retries with a new client id', async () => {
    let attempt = 0;
    let current = stock;
    const { socket } = setup({
      'stock.forProduct': () => ({ ok: true, data: current }),
      'reservation.create': () => (++attempt === 1 ? { ok: false, error: { code: 'CONFLICT', message: 'Only 0 available' } } : { ok: true, data: reservation() }),
    });
    const panel = await openProduct();
    current = { ...stock, stores: [stock.stores[0]!, store('s2', 'Арбат', 5.8, 3, 3), stock.stores[2]!] };
    fireEvent.click(within(panel).getByRole('button', { name: 'Reserve' }));
    const alert = await within(panel).findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('0 available in this store now'));
    expect(calls(socket, 'stock.forProduct')).toHaveLength(2);
    fireEvent.click(within(panel).getByRole('radio', { name: /Химки/ }));
    fireEvent.click(within(panel).getByRole('button', { name: 'Reserve' }));
    expect(await within(panel).findByText('K7P4QX')).toBeTruthy();
    const [first, second] = calls(socket, 'reservation.create') as Array<{ clientId: string }>;
    expect(second!.clientId).not.toBe(first!.clientId);
  });

  it('opens with the B shortcut and closes with Escape, focus back on the button', async () => {
    setup();
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'b', code: 'KeyB', bubbles: true }));
    });
    const panel = await screen.findByRole('region', { name: 'Reserve for Анна Иванова' });
    fireEvent.keyDown(within(panel).getByRole('searchbox'), { key: 'Escape' });
    expect(screen.queryByRole('region')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Reserve' }));
  });
});
