// @vitest-environment jsdom
// The composer's "/": the listbox it opens, filtering, keyboard choice, insertion of the text the hub
// filled for this customer (missing values left visible and announced), and Escape.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TemplateRendered, TemplateSummary } from '../../../../common/api/templates.ts';
import { FakeSocket, renderWithHub, type Handler } from '../../test/fakeHub.tsx';
import { Composer } from '../conversation/Composer.tsx';
import { CONVERSATION_ID, conversationDetail, CUSTOMER_ID } from '../conversation/testData.ts';

const summary = (id: string, name: string, key: string, tags: string[] = []): TemplateSummary => ({
  id,
  key,
  name,
  folder: 'Брони/Уведомления',
  tags,
  archived: false,
  approvedVersion: 1,
  latestVersion: 1,
  latestStatus: 'approved',
  variants: [
    { channel: 'sms', locale: 'ru' },
    { channel: 'telegram', locale: 'ru' },
  ],
  updatedAt: '2026-11-23T10:00:00.000Z',
});

const TEMPLATES = [summary('t-1', 'Приветствие', 'greeting'), summary('t-2', 'Бронь оформлена', 'reservation_notice', ['бронь']), summary('t-3', 'Баллы скоро сгорят', 'points_expiring')];

const rendered: TemplateRendered = {
  templateId: 't-2',
  version: 1,
  channel: 'sms',
  locale: 'ru',
  subject: null,
  body: {
    text: 'Ампер: бронь {{reservation.code}} до 28 ноября.',
    segments: [
      { text: 'Ампер: бронь ', variable: null, missing: false },
      { text: '{{reservation.code}}', variable: 'reservation.code', missing: true },
      { text: ' до ', variable: null, missing: false },
      { text: '28 ноября', variable: 'reservation.holdUntil', missing: false },
      { text: '.', variable: null, missing: false },
    ],
  },
  missing: ['reservation.code'],
  sms: { encoding: 'UCS-2', segments: 1, chars: 46 },
  overLimit: false,
};

function setup(handlers: Record<string, Handler> = {}) {
  const socket = new FakeSocket({
    'conversation.saveDraft': () => ({ ok: true, data: null }),
    'desk.activity': () => ({ ok: true, data: { ok: true } }),
    'template.list': () => ({ ok: true, data: TEMPLATES }),
    'template.render': () => ({ ok: true, data: rendered }),
    ...handlers,
  });
  renderWithHub(<Composer detail={conversationDetail()} onSent={vi.fn()} />, { socket });
  return socket;
}

const body = () => screen.getByRole('textbox', { name: /Reply text/ }) as HTMLTextAreaElement;
const type = (text: string) => fireEvent.input(body(), { target: { value: text } });
// The composer's channel select has options too: only the picker's count.
const optionEls = () => within(screen.getByRole('listbox', { name: 'Templates' })).getAllByRole('option');
const options = () => optionEls().map((o) => o.textContent);

describe('the "/" template picker', () => {
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  it('opens a listbox of approved templates for the reply channel, tied to the text by aria-activedescendant', async () => {
    const socket = setup();
    type('Здравствуйте! /');
    const listbox = await screen.findByRole('listbox', { name: 'Templates' });
    await waitFor(() => expect(options()).toHaveLength(3));
    expect(socket.calls.find((c) => c.name === 'template.list')?.payload).toEqual({ channel: 'sms' });
    expect(body().getAttribute('aria-controls')).toBe(listbox.id);
    const first = optionEls()[0]!;
    expect(body().getAttribute('aria-activedescendant')).toBe(first.id);
    expect(first.getAttribute('aria-selected')).toBe('true');
  });

  it('filters by what follows the "/", ignoring case', async () => {
    setup();
    type('/брон');
    await waitFor(() => expect(options()).toEqual(['Бронь оформлена, Брони/Уведомления']));
    type('/БАЛЛ');
    await waitFor(() => expect(options()).toEqual(['Баллы скоро сгорят, Брони/Уведомления']));
    type('/нет такого');
    // A space ends the word: the list closes rather than searching for a sentence.
    expect(screen.queryByRole('listbox')).toBeNull();
    type('/zzz');
    expect(await screen.findByText('No approved templates match "zzz"')).toBeTruthy();
  });

  it('does not open for a "/" inside a word (a date, a link)', () => {
    setup();
    type('заказ 12/03');
    expect(screen.queryByRole('listbox')).toBeNull();
  });

  it('moves with the arrows and inserts the filled text with Enter, announcing what is missing', async () => {
    const socket = setup();
    type('Добрый день! /');
    await waitFor(() => expect(options()).toHaveLength(3));
    fireEvent.keyDown(body(), { key: 'ArrowDown' });
    expect(optionEls()[1]!.getAttribute('aria-selected')).toBe('true');
    expect(body().getAttribute('aria-activedescendant')).toBe(optionEls()[1]!.id);
    fireEvent.keyDown(body(), { key: 'ArrowUp' });
    fireEvent.keyDown(body(), { key: 'ArrowUp' });
    expect(optionEls()[2]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(body(), { key: 'ArrowDown' });
    fireEvent.keyDown(body(), { key: 'ArrowDown' });
    fireEvent.keyDown(body(), { key: 'Enter' });

    await waitFor(() => expect(body().value).toBe('Добрый день! Ампер: бронь {{reservation.code}} до 28 ноября.'));
    expect(socket.calls.find((c) => c.name === 'template.render')?.payload).toEqual({ templateId: 't-2', customerId: CUSTOMER_ID, conversationId: CONVERSATION_ID, channel: 'sms', locale: 'ru' });
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(screen.getByText(/Inserted "Бронь оформлена"\. The customer has no value for 1 placeholder; fill it in: \{\{reservation\.code\}\}/)).toBeTruthy();
    // Enter chose a template; it did not send the reply.
    expect(socket.calls.some((c) => c.name === 'conversation.reply')).toBe(false);
  });

  it('closes with Escape and stays closed while the same word is typed', async () => {
    setup();
    type('/бр');
    await screen.findByRole('listbox');
    fireEvent.keyDown(body(), { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
    type('/брон');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(body().getAttribute('aria-activedescendant')).toBeNull();
  });

  it('says why a template could not be inserted and keeps the text', async () => {
    setup({ 'template.render': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no variant' } }) });
    type('/брон');
    await waitFor(() => expect(options()).toHaveLength(1));
    fireEvent.click(optionEls()[0]!);
    expect(await screen.findByText(/The template was not inserted/)).toBeTruthy();
    expect(body().value).toBe('/брон');
  });
});
