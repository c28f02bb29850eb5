// @vitest-environment jsdom
// The brand-voice lint inside the real composer: underlines by severity, the issue list with its one-click
// fix, the reason asked before a reply with an error goes out (and when the hub holds one), and a rule a
// supervisor saves reaching an open composer live.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SendReplyInput } from '../../../../common/api/desk.ts';
import { VoiceRuleSet, type VoiceRuleInput } from '../../../../common/api/voice.ts';
import { FakeSocket, renderWithHub, type Handler } from '../../test/fakeHub.tsx';
import { Composer } from '../conversation/Composer.tsx';
import { conversationDetail, message } from '../conversation/testData.ts';

const sentEvent = message(50, { direction: 'outbound', status: 'queued', body: 'Ответ' });

const PROMISES: VoiceRuleInput = {
  id: 'promises',
  name: 'Обещания',
  kind: 'forbidden_phrase',
  severity: 'warning',
  phrases: [{ phrase: 'точно привезём', replacement: 'планируем привезти' }],
};
const RUDE: VoiceRuleInput = { id: 'rude', name: 'Грубость', kind: 'forbidden_phrase', severity: 'error', phrases: [{ phrase: 'успокойтесь', replacement: null }] };
const ruleSet = (version: number, rules: VoiceRuleInput[]) => VoiceRuleSet.parse({ version, rules });

function setup(handlers: Record<string, Handler> = {}) {
  const onSent = vi.fn();
  const socket = new FakeSocket({
    'voice.rules.get': () => ({ ok: true, data: ruleSet(1, [PROMISES, RUDE]) }),
    'conversation.saveDraft': () => ({ ok: true, data: null }),
    'desk.activity': () => ({ ok: true, data: { ok: true } }),
    'conversation.reply': () => ({ ok: true, data: { sent: true, messageId: 'm50', status: 'queued', event: sentEvent } }),
    ...handlers,
  });
  const view = renderWithHub(<Composer detail={conversationDetail()} onSent={onSent} />, { socket });
  return { ...view, socket, onSent };
}

const body = () => screen.getByRole('textbox', { name: 'Reply text' }) as HTMLTextAreaElement;
const type = (text: string) => fireEvent.change(body(), { target: { value: text } });
const replies = (socket: FakeSocket) => socket.calls.filter((c) => c.name === 'conversation.reply').map((c) => c.payload as SendReplyInput);
const marks = (container: HTMLElement) => [...container.querySelectorAll('.voice-mark')].map((mark) => `${mark.className.replace('voice-mark voice-mark--', '')}:${mark.textContent}`);
/** Types once the rules are in: the findings list shows as soon as there is a text to lint. */
async function typeLinted(text: string) {
  await waitFor(() => {
    type(text);
    expect(screen.getByRole('region', { name: 'Brand voice' })).toBeTruthy();
  });
}

describe('brand-voice lint in the composer', () => {
  beforeEach(() => localStorage.clear());
  afterEach(cleanup);

  it('underlines findings by severity behind the text and explains them under it', async () => {
    const { container } = setup();
    await typeLinted('Успокойтесь, завтра точно привезём.');
    await waitFor(() => expect(marks(container)).toEqual(['error:Успокойтесь', 'warning:точно привезём']));
    // The copy behind the textarea is for the eyes only; the list says the same in words.
    expect(container.querySelector('.voice-field__backdrop')?.getAttribute('aria-hidden')).toBe('true');
    const list = screen.getByRole('region', { name: 'Brand voice' });
    expect(within(list).getByText('1 error · 1 warning · F8 — next issue')).toBeTruthy();
    expect(within(list).getByText("We don't write «Успокойтесь»: rephrase it.")).toBeTruthy();
    expect(within(list).getByText("We don't write «точно привезём»: say «планируем привезти».")).toBeTruthy();
  });

  it('applies a one-click fix at its place, puts the caret after it and lints again', async () => {
    const { container } = setup();
    await typeLinted('Завтра точно привезём, не волнуйтесь.');
    const fix = await screen.findByRole('button', { name: 'Fix: replace «точно привезём» with «планируем привезти»' });
    fireEvent.click(fix);
    expect(body().value).toBe('Завтра планируем привезти, не волнуйтесь.');
    expect(body().selectionStart).toBe('Завтра планируем привезти'.length);
    expect(marks(container)).toEqual([]);
    expect(screen.getByText('Brand voice: no issues.')).toBeTruthy();
  });

  it('walks through the findings with F8 and selects the words from the list', async () => {
    setup();
    await typeLinted('Успокойтесь, завтра точно привезём.');
    body().setSelectionRange(0, 0);
    fireEvent.keyDown(body(), { key: 'F8' });
    expect([body().selectionStart, body().selectionEnd]).toEqual([20, 34]);
    fireEvent.keyDown(body(), { key: 'F8' });
    expect([body().selectionStart, body().selectionEnd]).toEqual([0, 11]);
    fireEvent.click(screen.getByRole('button', { name: 'Show «точно привезём» in the text' }));
    expect([body().selectionStart, body().selectionEnd]).toEqual([20, 34]);
  });

  it('asks for a reason before sending a reply with an error, and sends the reason with it', async () => {
    const { socket, onSent } = setup();
    await typeLinted('Успокойтесь, пожалуйста.');
    fireEvent.keyDown(body(), { key: 'Enter', ctrlKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Send despite the brand-voice rules?' });
    expect(within(dialog).getByText(/rephrase it/)).toBeTruthy();
    expect(replies(socket)).toEqual([]);
    const reason = within(dialog).getByRole('textbox', { name: /Why send it this way/ });
    fireEvent.change(reason, { target: { value: 'ок' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /Send with this reason/ }));
    expect(within(dialog).getByText('Write at least 5 characters.')).toBeTruthy();
    expect(replies(socket)).toEqual([]);
    fireEvent.change(reason, { target: { value: 'Клиент сам просил так ответить' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /Send with this reason/ }));
    await waitFor(() => expect(onSent).toHaveBeenCalledWith(sentEvent));
    expect(replies(socket)).toEqual([expect.objectContaining({ body: 'Успокойтесь, пожалуйста.', voice: { ruleSetVersion: 1, justification: 'Клиент сам просил так ответить' } })]);
    expect(body().value).toBe('');
  });

  it('sends a reply with warnings only at once, stamped with the rules it was checked with', async () => {
    const { socket, onSent } = setup();
    await typeLinted('Завтра точно привезём.');
    fireEvent.keyDown(body(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(onSent).toHaveBeenCalled());
    expect(replies(socket)[0]).toMatchObject({ voice: { ruleSetVersion: 1 } });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('lints with a rule a supervisor saves while the composer is open', async () => {
    let version = 1;
    const { container, socket } = setup({ 'voice.rules.get': () => ({ ok: true, data: version === 1 ? ruleSet(1, [RUDE]) : ruleSet(2, [RUDE, PROMISES]) }) });
    await typeLinted('Завтра точно привезём.');
    expect(marks(container)).toEqual([]);
    version = 2;
    socket.fire('voice.rulesChanged', { version: 2 });
    await waitFor(() => expect(marks(container)).toEqual(['warning:точно привезём']));
    fireEvent.click(screen.getByRole('button', { name: /^Fix: replace «точно привезём»/ }));
    expect(body().value).toBe('Завтра планируем привезти.');
  });

  it('asks for a reason when the hub holds a reply the desk did not flag, and resends it with the reason', async () => {
    let round = 0;
    const held = { ruleSetVersion: 3, issues: [{ ruleId: 'rude', kind: 'forbidden_phrase', severity: 'error', start: 0, end: 5, messageKey: 'voice:issues.forbidden_phrase.noReplacement', params: { phrase: 'Ответ' }, fix: null }] };
    const { socket, onSent } = setup({
      'voice.rules.get': () => ({ ok: true, data: ruleSet(2, []) }),
      'conversation.reply': () => (++round === 1 ? { ok: true, data: { sent: false, warnings: [], voice: held } } : { ok: true, data: { sent: true, messageId: 'm50', status: 'queued', event: sentEvent } }),
    });
    await typeLinted('Ответ');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send despite the brand-voice rules?' });
    expect(within(dialog).getByText("We don't write «Ответ»: rephrase it.")).toBeTruthy();
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Why send it this way/ }), { target: { value: 'Так написано в регламенте' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /Send with this reason/ }));
    await waitFor(() => expect(onSent).toHaveBeenCalledWith(sentEvent));
    const [first, second] = replies(socket);
    expect(second).toMatchObject({ clientId: first!.clientId, voice: { ruleSetVersion: 3, justification: 'Так написано в регламенте' } });
  });

  it('puts a held reply back in the composer when the agent chooses to edit it instead', async () => {
    const held = { ruleSetVersion: 3, issues: [{ ruleId: 'rude', kind: 'custom_pattern', severity: 'error', start: 0, end: 5, messageKey: 'voice:issues.custom_pattern', params: { message: 'Так нельзя' }, fix: null }] };
    setup({ 'voice.rules.get': () => ({ ok: true, data: ruleSet(2, []) }), 'conversation.reply': () => ({ ok: true, data: { sent: false, warnings: [], voice: held } }) });
    await typeLinted('Ответ');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Так нельзя')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(body().value).toBe('Ответ');
  });

  it('keeps working when the rules cannot be loaded, and says so quietly', async () => {
    const { socket, onSent } = setup({ 'voice.rules.get': () => ({ ok: false, error: { code: 'INTERNAL', message: 'boom' } }) });
    expect(await screen.findByText(/Brand-voice rules could not be loaded/)).toBeTruthy();
    type('Успокойтесь.');
    fireEvent.keyDown(body(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(onSent).toHaveBeenCalled());
    expect(replies(socket)[0]!.voice).toBeUndefined();
  });

  it('does not lint notes', async () => {
    const { container } = setup();
    await typeLinted('Успокойтесь');
    fireEvent.click(screen.getByRole('tab', { name: /Note/ }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Note text' }), { target: { value: 'Успокойтесь' } });
    expect(marks(container)).toEqual([]);
    expect(screen.queryByRole('region', { name: 'Brand voice' })).toBeNull();
  });
});
