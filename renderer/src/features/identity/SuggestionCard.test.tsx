// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MergeCandidate, MergeSuggestionView } from '../../../../common/api/identity.ts';
import { FakeSocket, renderWithHub } from '../../test/fakeHub.tsx';
import { SuggestionCard } from './SuggestionCard.tsx';

const candidate = (overrides: Partial<MergeCandidate>): MergeCandidate => ({
  id: 'c-1',
  fullName: 'Иван Петров',
  city: 'Москва',
  birthday: '1985-04-12',
  identities: [],
  orders: 0,
  conversations: 0,
  loyaltyBalance: null,
  createdAt: '2022-01-10T09:00:00.000Z',
  ...overrides,
});

const newer = candidate({
  id: 'c-new',
  identities: [
    { kind: 'email', value: 'ivan.petrov@mail.ry' },
    { kind: 'phone', value: '+79123456780' },
  ],
  orders: 1,
  createdAt: '2025-06-01T09:00:00.000Z',
});
const older = candidate({
  id: 'c-old',
  identities: [
    { kind: 'email', value: 'ivan.petrov@mail.ru' },
    { kind: 'phone', value: '+79123456789' },
  ],
  orders: 12,
  conversations: 4,
  loyaltyBalance: 1520,
  createdAt: '2021-03-05T09:00:00.000Z',
});

const suggestion = (overrides: Partial<MergeSuggestionView> = {}): MergeSuggestionView => ({
  id: 's-1',
  status: 'pending',
  score: 0.87,
  evidence: [
    { kind: 'email_local_part', detail: 'ivan.petrov@mail.ru ~ ivan.petrov@mail.ry' },
    { kind: 'phone_near', detail: '+7 912 ***-**-89 ~ +7 912 ***-**-80' },
    { kind: 'same_birthday', detail: '1985-04-12' },
    { kind: 'same_city', detail: 'Москва' },
    { kind: 'same_full_name', detail: 'Иван Петров' },
  ],
  // the newer profile first: the default must still be the older one
  customers: [newer, older],
  createdAt: '2026-11-20T10:00:00.000Z',
  mergeId: null,
  ...overrides,
});

describe('SuggestionCard', () => {
  afterEach(cleanup);

  it('shows the evidence as readable labels in the desk language, and the score', () => {
    renderWithHub(<SuggestionCard suggestion={suggestion()} onDone={() => {}} />, { locale: 'ru' });
    const evidence = screen.getByRole('list', { name: 'Почему похожи' });
    expect(within(evidence).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Тот же адрес до @: ivan.petrov',
      'Телефоны отличаются одной цифрой',
      'Совпадает дата рождения',
      'Один город: Москва',
      'Полное совпадение ФИО',
    ]);
    expect(screen.getByRole('img', { name: /^Уверенность: 87\s%$/ })).toBeTruthy();
  });

  it('keeps the older profile by default and sends the chosen survivor with the merge', async () => {
    const socket = new FakeSocket({
      'identity.merge': (payload) => ({ ok: true, data: { mergeId: 'm-1', survivorId: (payload as { survivorId: string }).survivorId, mergedId: 'x' } }),
    });
    const onDone = vi.fn();
    renderWithHub(<SuggestionCard suggestion={suggestion()} onDone={onDone} />, { socket, role: 'supervisor' });

    const keep = screen.getByRole('group', { name: 'Profile to keep' });
    const radios = within(keep).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.checked)).toEqual([false, true]);
    expect(radios[1]!.getAttribute('aria-label')).toMatch(/^Keep profile “Иван Петров”, created .*2021$/);

    // choose the newer profile instead, then merge
    fireEvent.click(radios[0]!);
    fireEvent.click(screen.getByRole('button', { name: 'Merge profiles “Иван Петров” and “Иван Петров”' }));
    const dialog = screen.getByRole('dialog', { name: 'Merge profiles?' });
    expect(dialog.textContent).toContain('Contacts, conversations, orders and loyalty points move to the kept profile.');
    expect(dialog.textContent).toContain('undo');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Merge' }));

    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(socket.calls.filter((c) => c.name === 'identity.merge').map((c) => c.payload)).toEqual([{ suggestionId: 's-1', survivorId: 'c-new' }]);
    expect(onDone.mock.calls[0]![0]).toMatchObject({ kind: 'merged', mergeId: 'm-1', survivor: { id: 'c-new' } });
  });

  it('shows both profiles with contacts and links to their pages', () => {
    renderWithHub(<SuggestionCard suggestion={suggestion()} onDone={() => {}} />);
    expect(screen.getAllByRole('region', { name: 'Иван Петров' })).toHaveLength(2);
    expect(screen.getByText('ivan.petrov@mail.ru')).toBeTruthy();
    expect(screen.getByText('ivan.petrov@mail.ry')).toBeTruthy();
    const links = screen.getAllByRole('link').map((a) => a.getAttribute('href'));
    expect(links).toEqual(['/customers/c-new', '/customers/c-old']);
  });

  it('dismisses, and offers undo with a confirmation for a merged suggestion', async () => {
    const socket = new FakeSocket({
      'identity.undoMerge': () => ({ ok: true, data: { survivorId: 'c-old', restoredId: 'c-new' } }),
    });
    const onDone = vi.fn();
    renderWithHub(<SuggestionCard suggestion={suggestion({ status: 'merged', mergeId: 'm-9' })} onDone={onDone} />, { socket, role: 'supervisor' });
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Merge/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Undo the merge of “Иван Петров” and “Иван Петров”' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: 'Undo the merge?' })).getByRole('button', { name: 'Undo merge' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(expect.objectContaining({ kind: 'restored' })));
    expect(socket.calls.find((c) => c.name === 'identity.undoMerge')?.payload).toEqual({ mergeId: 'm-9' });
  });
});
