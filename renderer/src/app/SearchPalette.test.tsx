// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchResult } from '../../../common/api/desk.ts';
import { FakeSocket, renderWithHub } from '../test/fakeHub.tsx';
import { highlightParts, SearchPalette } from './SearchPalette.tsx';

const result: SearchResult = {
  customers: [{ id: 'cu1', fullName: 'Алёна Ёлкина', city: 'Москва', phoneMasked: '+7 *** ***-**-12', emailMasked: null }],
  messages: [
    {
      messageId: 'm1',
      conversationId: 'c1',
      customerId: 'cu1',
      customerName: 'Алёна Ёлкина',
      channel: 'sms',
      direction: 'inbound',
      at: '2026-11-23T10:00:00.000Z',
      snippet: 'где мой заказ? заказ 123',
      highlights: [
        [4, 7],
        [15, 20],
      ],
    },
    {
      messageId: 'm2',
      conversationId: 'c2',
      customerId: 'cu2',
      customerName: 'Пётр',
      channel: 'email',
      direction: 'outbound',
      at: '2026-11-22T10:00:00.000Z',
      snippet: 'ваш заказ готов',
      highlights: [[4, 9]],
    },
  ],
};

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname + location.search}</output>;
}

function setup() {
  const onClose = vi.fn();
  const socket = new FakeSocket({ 'search.all': () => ({ ok: true, data: result }) });
  const view = renderWithHub(
    <>
      <SearchPalette onClose={onClose} />
      <Routes>
        <Route path="*" element={<Where />} />
      </Routes>
    </>,
    { socket },
  );
  return { ...view, onClose };
}

describe('highlightParts', () => {
  it('cuts at the offsets, merging overlaps and clamping to the snippet', () => {
    expect(highlightParts('abcdefgh', [[1, 3], [2, 4], [6, 99]])).toEqual([
      { text: 'a', mark: false },
      { text: 'bcd', mark: true },
      { text: 'ef', mark: false },
      { text: 'gh', mark: true },
    ]);
    expect(highlightParts('abc', [])).toEqual([{ text: 'abc', mark: false }]);
  });
});

describe('SearchPalette', () => {
  afterEach(cleanup);

  it('is a combobox with a listbox of customers and messages, highlights in <mark>', async () => {
    const { socket } = setup();
    expect(screen.getByRole('dialog', { name: 'Search' })).toBeTruthy();
    const input = screen.getByRole('combobox', { name: 'Search customers and messages' });
    expect(document.activeElement).toBe(input);
    fireEvent.change(input, { target: { value: 'заказ' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    expect(socket.calls.find((c) => c.name === 'search.all')?.payload).toEqual({ q: 'заказ', limit: 8 });
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-controls')).toBe(screen.getByRole('listbox').id);
    expect(screen.getByRole('group', { name: 'Customers' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Messages' })).toBeTruthy();
    const marks = [...document.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['мой', 'заказ', 'заказ']);
  });

  it('arrow keys move the active option (aria-activedescendant) and Enter opens a message at that message', async () => {
    const { onClose } = setup();
    const input = screen.getByRole('combobox');
    fireEvent.change(input, { target: { value: 'заказ' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    const options = screen.getAllByRole('option');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    fireEvent.keyDown(input, { key: 'ArrowDown' });
    expect(input.getAttribute('aria-activedescendant')).toBe(options[2]!.id);
    fireEvent.keyDown(input, { key: 'ArrowDown' }); // wraps
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    fireEvent.keyDown(input, { key: 'ArrowUp' });
    expect(screen.getAllByRole('option')[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onClose).toHaveBeenCalled();
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/inbox/c1?message=m1'));
  });

  it('Enter on a customer opens the profile', async () => {
    setup();
    const input = screen.getByRole('combobox');
    fireEvent.change(input, { target: { value: 'Алёна' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/customers/cu1'));
  });

  it('says when nothing was found', async () => {
    const socket = new FakeSocket({ 'search.all': () => ({ ok: true, data: { customers: [], messages: [] } }) });
    renderWithHub(<SearchPalette onClose={() => {}} />, { socket });
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'xyz' } });
    await waitFor(() => expect(screen.getByText('Nothing found for “xyz”')).toBeTruthy());
    expect(screen.getByRole('combobox').getAttribute('aria-expanded')).toBe('false');
  });
});
