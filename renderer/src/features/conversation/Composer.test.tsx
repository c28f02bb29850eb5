// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConversationDetail, SendReplyInput } from '../../../../common/api/desk.ts';
import { FakeSocket, renderWithHub, type Handler } from '../../test/fakeHub.tsx';
import { Composer, DRAFT_SAVE_MS } from './Composer.tsx';
import { conversationDetail, message, note } from './testData.ts';

const sentEvent = message(50, { direction: 'outbound', status: 'queued', body: 'Ответ' });

function setup(detail: ConversationDetail = conversationDetail(), handlers: Record<string, Handler> = {}) {
  const onSent = vi.fn();
  const socket = new FakeSocket({
    'conversation.saveDraft': () => ({ ok: true, data: null }),
    'desk.activity': () => ({ ok: true, data: { ok: true } }),
    'conversation.reply': () => ({ ok: true, data: { sent: true, messageId: 'm50', status: 'queued', event: sentEvent } }),
    'conversation.addNote': () => ({ ok: true, data: note(51, 'Заметка') }),
    ...handlers,
  });
  const view = renderWithHub(<Composer detail={detail} onSent={onSent} />, { socket });
  return { ...view, socket, onSent };
}

const body = () => screen.getByRole('textbox', { name: /Reply text|Note text/ });
const type = (text: string) => fireEvent.change(body(), { target: { value: text } });
const calls = (socket: FakeSocket, name: string) => socket.calls.filter((c) => c.name === name).map((c) => c.payload);

/** Quiet hours from an hour ago to two hours ahead, in UTC: now is always inside. */
function quietNow() {
  const hour = new Date().getUTCHours();
  const pad = (h: number) => `${String((h + 24) % 24).padStart(2, '0')}:00`;
  return { start: pad(hour - 1), end: pad(hour + 2) };
}

describe('Composer', () => {
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  it('counts SMS segments for Cyrillic: 70 characters in one, then 67 per part', () => {
    setup();
    type('я'.repeat(70));
    expect(screen.getByText('UCS-2 · 1 SMS · 0 characters left')).toBeTruthy();
    type('я'.repeat(71));
    expect(screen.getByText('UCS-2 · 2 SMS · 63 characters left')).toBeTruthy();
    type('Hello');
    expect(screen.getByText('GSM-7 · 1 SMS · 155 characters left')).toBeTruthy();
  });

  it('sends with Ctrl+Enter in the default channel with a fresh clientId, then clears the text', async () => {
    const { socket, onSent } = setup();
    type('Ответ');
    fireEvent.keyDown(body(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(onSent).toHaveBeenCalledWith(sentEvent));
    const [input] = calls(socket, 'conversation.reply') as SendReplyInput[];
    expect(input).toMatchObject({ conversationId: 'conv-1', channel: 'sms', body: 'Ответ', seenMessageId: 'm1', acknowledged: [] });
    expect(input!.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect((body() as HTMLTextAreaElement).value).toBe('');
    // The stored draft is cleared after the send.
    await waitFor(() => expect(calls(socket, 'conversation.saveDraft')).toContainEqual({ conversationId: 'conv-1', draft: null }));
  });

  it("warns about the customer's quiet hours, and on confirm sends with the warning acknowledged", async () => {
    const { socket, onSent } = setup(conversationDetail({ quietHours: quietNow() }));
    type('Поздний ответ');
    expect(screen.getByRole('alert').textContent).toMatch(/quiet hours/);
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send anyway?' });
    expect(within(dialog).getByText(/quiet hours/)).toBeTruthy();
    expect(calls(socket, 'conversation.reply')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: /Send anyway/ }));
    await waitFor(() => expect(onSent).toHaveBeenCalled());
    expect(calls(socket, 'conversation.reply')).toEqual([expect.objectContaining({ body: 'Поздний ответ', acknowledged: ['quiet_hours'] })]);
  });

  it("asks again when the hub answers with warnings (another agent replied) and resends the same reply acknowledged", async () => {
    let round = 0;
    const { socket, onSent } = setup(conversationDetail(), {
      'conversation.reply': () =>
        ++round === 1
          ? { ok: true, data: { sent: false, warnings: ['another_agent_replied'] } }
          : { ok: true, data: { sent: true, messageId: 'm50', status: 'queued', event: sentEvent } },
    });
    type('Ответ');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Another agent has replied/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: /Send anyway/ }));
    await waitFor(() => expect(onSent).toHaveBeenCalledWith(sentEvent));
    const [first, second] = calls(socket, 'conversation.reply') as SendReplyInput[];
    expect(second).toMatchObject({ body: 'Ответ', acknowledged: ['another_agent_replied'], clientId: first!.clientId });
  });

  it('marks opted-out channels in the picker and warns before sending there', () => {
    setup();
    const picker = screen.getByRole('combobox', { name: 'Reply channel' });
    expect(within(picker).getByRole('option', { name: /Email · a\*\*\*@mail\.ru · opted out/ })).toBeTruthy();
    fireEvent.change(picker, { target: { value: 'email' } });
    expect(screen.getByRole('textbox', { name: 'Subject' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/opted out/);
  });

  it('in note mode adds a private note instead of replying', async () => {
    const { socket, onSent } = setup();
    fireEvent.click(screen.getByRole('tab', { name: /Note/ }));
    type('Заметка');
    fireEvent.click(screen.getByRole('button', { name: /Add note/ }));
    await waitFor(() => expect(onSent).toHaveBeenCalled());
    expect(calls(socket, 'conversation.addNote')).toEqual([expect.objectContaining({ conversationId: 'conv-1', body: 'Заметка' })]);
    expect(calls(socket, 'conversation.reply')).toHaveLength(0);
  });

  it('saves the draft once typing pauses (debounced) and says the agent is typing', async () => {
    const { socket } = setup();
    type('П');
    type('Пр');
    type('При');
    expect(calls(socket, 'conversation.saveDraft')).toHaveLength(0);
    await waitFor(() => expect(calls(socket, 'conversation.saveDraft')).toHaveLength(1), { timeout: DRAFT_SAVE_MS + 1500 });
    expect(calls(socket, 'conversation.saveDraft')[0]).toEqual({ conversationId: 'conv-1', draft: { mode: 'reply', channel: 'sms', body: 'При', subject: null } });
    // One "typing" for the burst (throttled), and "stopped" when the field loses focus.
    expect(calls(socket, 'desk.activity')).toEqual([{ conversationId: 'conv-1', typing: true }]);
    fireEvent.blur(body());
    expect(calls(socket, 'desk.activity').at(-1)).toEqual({ conversationId: 'conv-1', typing: false });
  });

  it('starts from the saved draft', () => {
    setup(conversationDetail({ draft: { mode: 'note', channel: 'sms', body: 'Черновик заметки', subject: null } }));
    expect((screen.getByRole('textbox', { name: 'Note text' }) as HTMLTextAreaElement).value).toBe('Черновик заметки');
    expect(screen.getByRole('tab', { name: /Note/ }).getAttribute('aria-selected')).toBe('true');
  });
});
