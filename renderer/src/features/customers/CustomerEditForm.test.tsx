// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CustomerDetail } from '../../../../common/api/customers.ts';
import { FakeSocket, renderWithHub } from '../../test/fakeHub.tsx';
import { CustomerEditForm } from './CustomerEditForm.tsx';
import { draftFromCustomer, inputFromDraft } from './editModel.ts';

const customer: CustomerDetail = {
  id: 'c1',
  firstName: 'Анна',
  lastName: 'Иванова',
  middleName: 'Сергеевна',
  fullName: 'Иванова Анна Сергеевна',
  birthday: '1990-04-12',
  city: 'Новосибирск',
  timeZone: 'Asia/Novosibirsk',
  consentService: true,
  consentMarketing: false,
  consentUpdatedAt: null,
  identities: [
    { id: 'i-phone', kind: 'phone', value: '+79123456789', masked: false, verified: true, optedOut: false, blocked: false, preferred: true },
    { id: 'i-card', kind: 'loyalty_card', value: '1234567890123', masked: false, verified: true, optedOut: false, blocked: false, preferred: false },
    { id: 'i-mail', kind: 'email', value: 'anna@mail.ru', masked: false, verified: false, optedOut: true, blocked: false, preferred: true },
  ],
  loyalty: null,
  recentOrders: [],
  createdAt: '2020-01-01T00:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
};

const setup = (update: FakeSocket['handlers'][string]) => {
  const onSaved = vi.fn();
  const socket = new FakeSocket({ 'customer.update': update });
  const view = renderWithHub(<CustomerEditForm customer={customer} onCancel={() => {}} onSaved={onSaved} onReload={() => {}} />, { socket });
  return { ...view, onSaved };
};

const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save' }));

describe('CustomerEditForm', () => {
  afterEach(cleanup);

  it('orders editable contacts emails first, so payload indexes match the rows', () => {
    const input = inputFromDraft(customer, customer.updatedAt, draftFromCustomer(customer));
    expect(input.identities.map((i) => i.kind)).toEqual(['email', 'phone']);
    expect(input.identities[1]).toMatchObject({ id: 'i-phone', value: '+7 912 345 67 89', preferred: true });
    expect(input.middleName).toBe('Сергеевна');
  });

  it("puts the hub's field errors beside the right inputs (identities.1.value → the phone)", async () => {
    const { socket } = setup(() => ({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'invalid',
        fields: [
          { path: 'identities.1.value', message: 'this phone is already used by another customer' },
          { path: 'city', message: 'Too big: expected string to have <=80 characters' },
        ],
      },
    }));
    save();
    const phone = await screen.findByLabelText('Phone 1');
    await waitFor(() => expect(phone.getAttribute('aria-invalid')).toBe('true'));
    expect(phone.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(phone.getAttribute('aria-describedby')!)?.textContent).toBe('This contact is already listed');
    expect(screen.getByLabelText('City').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Email 1').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('alert').textContent).toContain('Fix 2 fields');
    const sent = socket.calls.find((c) => c.name === 'customer.update')?.payload as { expectedUpdatedAt: string };
    expect(sent.expectedUpdatedAt).toBe(customer.updatedAt);
  });

  it('catches a bad phone before asking the hub', async () => {
    const { socket } = setup(() => ({ ok: true, data: customer }));
    fireEvent.change(screen.getByLabelText('Phone 1'), { target: { value: '12' } });
    save();
    await waitFor(() => expect(screen.getByLabelText('Phone 1').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Not a valid phone number')).toBeTruthy();
    expect(socket.calls.some((c) => c.name === 'customer.update')).toBe(false);
  });

  it('says "changed by someone else" on CONFLICT and offers a reload', async () => {
    setup(() => ({ ok: false, error: { code: 'CONFLICT', message: 'stale' } }));
    save();
    expect(await screen.findByText(/Someone else changed this customer/)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Reload' }).length).toBeGreaterThan(0);
  });

  it('adds and removes phones, one preferred per kind', async () => {
    const { onSaved, socket } = setup((payload) => ({ ok: true, data: { ...customer, ...(payload as object) } as never }));
    fireEvent.click(screen.getByRole('button', { name: 'Add phone' }));
    fireEvent.change(screen.getByLabelText('Phone 2'), { target: { value: '8 (916) 555-12-34' } });
    const preferred = screen.getAllByRole('checkbox', { name: 'Preferred' });
    fireEvent.click(preferred[2]!); // the new phone
    fireEvent.click(screen.getByRole('button', { name: 'Remove anna@mail.ru' }));
    save();
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const sent = socket.calls.find((c) => c.name === 'customer.update')?.payload as { identities: Array<{ value: string; preferred: boolean }> };
    expect(sent.identities).toEqual([
      expect.objectContaining({ id: 'i-phone', preferred: false }),
      expect.objectContaining({ value: '8 (916) 555-12-34', preferred: true }),
    ]);
  });
});
