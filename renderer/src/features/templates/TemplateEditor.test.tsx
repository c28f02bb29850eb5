// @vitest-environment jsdom
// The template editor: live checks with the line and column of each problem (as the hub will refuse
// them), the SMS counter, saving a new version, the hub's field errors, and the preview on a customer.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TemplateDetail, TemplateRendered } from '../../../../common/api/templates.ts';
import type { Role } from '../../../../common/domain/enums.ts';
import { FakeSocket, renderWithHub, type Handler } from '../../test/fakeHub.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';

const detail: TemplateDetail = {
  id: 'tpl-1',
  key: 'pickup',
  name: 'Самовывоз',
  folder: 'Брони',
  tags: ['бронь'],
  archived: false,
  approvedVersion: 1,
  latestVersion: 1,
  latestStatus: 'approved',
  variants: [{ channel: 'sms', locale: 'ru' }],
  updatedAt: '2026-11-23T10:00:00.000Z',
  versions: [
    {
      id: 'v-1',
      version: 1,
      status: 'approved',
      superseded: false,
      variants: [{ channel: 'sms', locale: 'ru', subject: null, body: 'Ампер: бронь {{reservation.code}} ждёт Вас.' }],
      createdBy: { id: 'u-2', name: 'Елена Кузнецова' },
      createdAt: '2026-11-20T10:00:00.000Z',
      reviewedBy: { id: 'u-3', name: 'Андрей Лебедев' },
      reviewedAt: '2026-11-21T10:00:00.000Z',
      reviewNote: null,
    },
  ],
};

function setup(handlers: Record<string, Handler> = {}, { role = 'supervisor' as Role, editable = true, value = detail as TemplateDetail | null } = {}) {
  const onSaved = vi.fn();
  const socket = new FakeSocket(handlers);
  renderWithHub(<TemplateEditor detail={value} canEdit={editable} onSaved={onSaved} />, { socket, role });
  return { socket, onSaved };
}

const body = () => screen.getByLabelText('Text') as HTMLTextAreaElement;
const setBody = (text: string) => fireEvent.change(body(), { target: { value: text } });
const described = () => (body().getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' | ');

describe('TemplateEditor', () => {
  afterEach(cleanup);

  it('starts from the newest version with a tab per variant and the SMS cost once filled', () => {
    setup();
    expect(screen.getByRole('tab', { name: 'SMS · RU', selected: true })).toBeTruthy();
    expect(body().value).toBe('Ампер: бронь {{reservation.code}} ждёт Вас.');
    // The sample code "4821-73" fills the placeholder: Cyrillic makes it UCS-2.
    expect(described()).toContain('UCS-2 · 1 segment of 3 · 30 characters with sample values');
    expect((screen.getByLabelText(/^Key/) as HTMLInputElement).readOnly).toBe(true);
  });

  it('reports an unknown variable and unbalanced braces with their line and column while typing, and will not save', () => {
    const { socket } = setup();
    setBody('Здравствуйте!\nКод: {{reservation.cod}}');
    expect(described()).toContain('Line 2, column 6: unknown variable "reservation.cod"');
    expect(body().getAttribute('aria-invalid')).toBe('true');
    setBody('{{customer.firstName, здравствуйте!\nВаш заказ готов }}');
    expect(described()).toContain('Line 1, column 1: "{{" is not closed by "}}" on the same line');
    expect(described()).toContain('Line 2, column 17: "}}" has no "{{" before it');
    expect(screen.getByRole('tab', { name: /SMS · RU.*this variant has problems/ })).toBeTruthy();
    const save = screen.getByRole('button', { name: 'Save version' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.submit(save.closest('form')!);
    expect(socket.calls.some((c) => c.name === 'template.save')).toBe(false);
  });

  it('marks where an SMS goes over three segments and counts GSM-7 for Latin text', () => {
    setup();
    setBody('Amper: your order is ready.');
    expect(described()).toContain('GSM-7 · 1 segment of 3 · 27 characters with sample values');
    setBody('Ампер: ' + 'очень длинный текст '.repeat(12));
    expect(described()).toContain('Line 1, column 202: from here the text is over the channel\'s limit');
    expect(described()).toContain('UCS-2 · 4 segments of 3');
  });

  it('adds an e-mail variant with a subject and inserts a variable at the caret', () => {
    setup();
    fireEvent.change(screen.getByRole('combobox', { name: 'Add a variant…' }), { target: { value: 'email/en' } });
    expect(screen.getByRole('tab', { name: 'Email · EN', selected: true })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Subject'), { target: { value: 'Your reservation' } });
    setBody('Hello , see you soon.');
    body().setSelectionRange(6, 6);
    fireEvent.change(screen.getByRole('combobox', { name: 'Insert a variable…' }), { target: { value: 'customer.firstName' } });
    expect(body().value).toBe('Hello {{customer.firstName}}, see you soon.');
  });

  it('saves a new version and shows the hub\'s refusal beside the field', async () => {
    const saved = { ...detail, latestVersion: 2, latestStatus: 'pending' as const };
    let answer: ReturnType<Handler> = { ok: false, error: { code: 'CONFLICT', message: 'exists', fields: [{ path: 'key', message: 'already used by another template' }] } };
    const { socket, onSaved } = setup({ 'template.save': () => answer }, { value: null });
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Приветствие' } });
    fireEvent.change(screen.getByLabelText(/^Key/), { target: { value: 'greeting' } });
    fireEvent.change(screen.getByLabelText(/^Folder/), { target: { value: 'Общее' } });
    fireEvent.change(screen.getByLabelText(/^Tags/), { target: { value: 'приветствие, общее, приветствие' } });
    setBody('{{customer.firstName}}, здравствуйте!');
    fireEvent.click(screen.getByRole('button', { name: 'Save version' }));
    await waitFor(() => expect(screen.getByText('already used by another template')).toBeTruthy());
    expect(socket.calls.find((c) => c.name === 'template.save')?.payload).toEqual({
      key: 'greeting',
      name: 'Приветствие',
      folder: 'Общее',
      tags: ['приветствие', 'общее'],
      variants: [{ channel: 'telegram', locale: 'ru', subject: null, body: '{{customer.firstName}}, здравствуйте!' }],
    });
    answer = { ok: true, data: saved };
    fireEvent.click(screen.getByRole('button', { name: 'Save version' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(screen.getByText("Saved. The new version waits for a supervisor's approval.")).toBeTruthy();
  });

  it('is read-only for agents, whose preview renders the approved version rather than text', async () => {
    const customer = { id: 'c-9', fullName: 'Иванов Иван', city: null, phoneMasked: null, emailMasked: null, loyaltyTier: null, loyaltyBalance: null, updatedAt: '2026-11-23T10:00:00.000Z' };
    const { socket } = setup(
      { 'customer.list': () => ({ ok: true, data: { items: [customer], nextCursor: null } }), 'template.render': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }) },
      { role: 'agent', editable: false },
    );
    expect(body().readOnly).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save version' })).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Add a variant…' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Find a customer to preview with'), { target: { value: 'Иванов' } });
    // The search waits for typing to pause.
    await screen.findByRole('option', { name: 'Иванов Иван' }, { timeout: 3000 });
    fireEvent.change(screen.getByRole('combobox', { name: 'Customer to preview with' }), { target: { value: 'c-9' } });
    expect(await screen.findByText('Not found — it may have been deleted.', {}, { timeout: 3000 })).toBeTruthy();
    expect(socket.calls.find((c) => c.name === 'template.render')?.payload).toEqual({ templateId: 'tpl-1', customerId: 'c-9', channel: 'sms', locale: 'ru' });
  });

  it('previews the text being typed on a chosen customer, marking missing values', async () => {
    const rendered: TemplateRendered = {
      templateId: null,
      version: null,
      channel: 'sms',
      locale: 'ru',
      subject: null,
      body: {
        text: 'Ампер: бронь {{reservation.code}} ждёт Вас.',
        segments: [
          { text: 'Ампер: бронь ', variable: null, missing: false },
          { text: '{{reservation.code}}', variable: 'reservation.code', missing: true },
          { text: ' ждёт Вас.', variable: null, missing: false },
        ],
      },
      missing: ['reservation.code'],
      sms: { encoding: 'UCS-2', segments: 1, chars: 42 },
      overLimit: false,
    };
    const customer = { id: 'c-9', fullName: 'Иванов Иван', city: 'Москва', phoneMasked: null, emailMasked: null, loyaltyTier: null, loyaltyBalance: null, updatedAt: '2026-11-23T10:00:00.000Z' };
    const { socket } = setup({
      'customer.list': () => ({ ok: true, data: { items: [customer], nextCursor: null } }),
      'template.render': () => ({ ok: true, data: rendered }),
    });
    const preview = screen.getByRole('region', { name: 'Preview with a customer' });
    fireEvent.change(within(preview).getByLabelText('Find a customer to preview with'), { target: { value: 'Иванов' } });
    await within(preview).findByRole('option', { name: 'Иванов Иван · Москва' }, { timeout: 3000 });
    fireEvent.change(within(preview).getByRole('combobox', { name: 'Customer to preview with' }), { target: { value: 'c-9' } });
    expect(await within(preview).findByText(/The customer has no value for 1 placeholder/, {}, { timeout: 3000 })).toBeTruthy();
    expect(within(preview).getByText('(no value: reservation.code)')).toBeTruthy();
    expect(socket.calls.find((c) => c.name === 'template.render')?.payload).toEqual({
      draft: { subject: null, body: 'Ампер: бронь {{reservation.code}} ждёт Вас.' },
      customerId: 'c-9',
      channel: 'sms',
      locale: 'ru',
    });
  });
});
