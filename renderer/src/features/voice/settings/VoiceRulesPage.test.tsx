// @vitest-environment jsdom
// Settings → Brand voice: the rule form checks a custom pattern as it is typed, a supervisor adds a
// forbidden phrase with a replacement, tries it on a sample before saving, and saves it as the next
// version; the hub's refusals (a stale version, a rule it rejects) are shown where they belong.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { VoiceRuleSet, type VoiceRuleInput } from '../../../../../common/api/voice.ts';
import type { VoiceRulesSaveInput } from '../../../../../common/api/voiceRules.ts';
import { FakeSocket, renderWithHub, type Handler } from '../../../test/fakeHub.tsx';
import { VoiceRulesPage } from './VoiceRulesPage.tsx';

const CAPS: VoiceRuleInput = { id: 'caps', name: 'No shouting', kind: 'caps_words', severity: 'warning', allow: ['SMS'] };
const inForce = VoiceRuleSet.parse({ version: 4, rules: [CAPS] });
const history = [
  { version: 4, savedAt: '2026-11-20T10:00:00.000Z', savedBy: { id: 'u-2', displayName: 'Ольга Руководитель' }, note: 'Капслок', ruleCount: 1 },
  { version: 1, savedAt: '2026-11-01T10:00:00.000Z', savedBy: null, note: null, ruleCount: 20 },
];

function setup(handlers: Record<string, Handler> = {}) {
  const socket = new FakeSocket({
    'voice.rules.get': () => ({ ok: true, data: inForce }),
    'voice.rules.history': () => ({ ok: true, data: history }),
    'voice.rules.save': (payload) => ({ ok: true, data: VoiceRuleSet.parse({ version: 5, rules: (payload as VoiceRulesSaveInput).rules }) }),
    ...handlers,
  });
  return renderWithHub(<VoiceRulesPage />, { socket, role: 'supervisor', path: '/settings/voice' });
}

const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;
const saves = (socket: FakeSocket) => socket.calls.filter((c) => c.name === 'voice.rules.save').map((c) => c.payload as VoiceRulesSaveInput);

async function openNewRule(kind: string) {
  fireEvent.change(await screen.findByRole('combobox', { name: 'Kind of new rule' }), { target: { value: kind } });
  fireEvent.click(screen.getByRole('button', { name: 'Add rule' }));
  return screen.findByRole('dialog');
}

describe('the rule form', () => {
  afterEach(cleanup);

  it('checks a custom pattern on every keystroke and says what is wrong in words', async () => {
    setup();
    const dialog = await openNewRule('custom_pattern');
    const pattern = within(dialog).getByRole('textbox', { name: /Regular expression/ });
    fireEvent.change(pattern, { target: { value: 'заказ(' } });
    expect(pattern.getAttribute('aria-invalid')).toBe('true');
    expect(errorOf(pattern)).toMatch(/^Not a valid regular expression: .*Unterminated group/);
    fireEvent.change(pattern, { target: { value: 'a*' } });
    expect(errorOf(pattern)).toBe('The pattern matches an empty text, so it would flag every position.');
    fireEvent.change(pattern, { target: { value: '(\\d+)+$' } });
    expect(errorOf(pattern)).toMatch(/can freeze the composer/);
    fireEvent.change(pattern, { target: { value: 'руб\\.' } });
    expect(pattern.getAttribute('aria-invalid')).toBeNull();
    const flags = within(dialog).getByRole('textbox', { name: /Flags/ });
    fireEvent.change(flags, { target: { value: 'gg' } });
    expect(errorOf(flags)).toBe('Only i, m, s and u, each at most once.');
  });

  it('does not add a rule that fails the schema, and names the fields', async () => {
    setup();
    const dialog = await openNewRule('custom_pattern');
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Regular expression/ }), { target: { value: '(' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    expect(errorOf(within(dialog).getByRole('textbox', { name: /^Name/ }))).toBe('Required');
    expect(errorOf(within(dialog).getByRole('textbox', { name: /Message for agents/ }))).toBe('Required');
    expect(screen.getByRole('dialog')).toBe(dialog);
  });
});

describe('VoiceRulesPage', () => {
  afterEach(cleanup);

  it('adds a forbidden phrase with a replacement, tries it, and saves it as the next version with a note', async () => {
    const { socket } = setup();
    expect(await screen.findByRole('heading', { name: 'Rules (version 4)' })).toBeTruthy();
    const dialog = await openNewRule('forbidden_phrase');
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Name/ }), { target: { value: 'Без «дешёвый»' } });
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Severity' }), { target: { value: 'error' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'SMS' }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Phrase 1' }), { target: { value: 'дешёвый' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Replacement 1' }), { target: { value: 'недорогой' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    const row = screen.getByRole('row', { name: /Без «дешёвый»/ });
    expect(within(row).getByText('Forbidden phrases')).toBeTruthy();
    expect(within(row).getByText('SMS')).toBeTruthy();

    // Try it before saving: the unsaved rule already lints the sample, with its fix.
    fireEvent.change(screen.getByRole('combobox', { name: 'Channel' }), { target: { value: 'sms' } });
    const sample = screen.getByRole('textbox', { name: 'Sample reply' }) as HTMLTextAreaElement;
    fireEvent.change(sample, { target: { value: 'Это дешёвый кабель' } });
    fireEvent.click(screen.getByRole('button', { name: 'Fix: replace «дешёвый» with «недорогой»' }));
    expect(sample.value).toBe('Это недорогой кабель');

    fireEvent.change(screen.getByRole('textbox', { name: /What changed/ }), { target: { value: 'Слово «дешёвый»' } });
    fireEvent.click(screen.getByRole('button', { name: /Save as version 5/ }));
    expect(await screen.findByText(/Saved as version 5/)).toBeTruthy();
    const [sent] = saves(socket);
    expect(sent).toMatchObject({ expectedVersion: 4, note: 'Слово «дешёвый»' });
    expect(sent!.rules.at(-1)).toMatchObject({ kind: 'forbidden_phrase', severity: 'error', channels: ['sms'], phrases: [{ phrase: 'дешёвый', replacement: 'недорогой' }] });
  });

  it('says clearly when someone saved meanwhile, and reloads on request', async () => {
    const { socket } = setup({ 'voice.rules.save': () => ({ ok: false, error: { code: 'CONFLICT', message: 'changed meanwhile' } }) });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Rule «No shouting» is on' }));
    fireEvent.click(screen.getByRole('button', { name: /Save as version 5/ }));
    const notice = await screen.findByText(/Someone saved the rules after version 4/);
    expect(screen.getByRole('button', { name: /Save as version 5/ }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(within(notice.closest('.notice') as HTMLElement).getByRole('button', { name: /Reload/ }));
    await waitFor(() => expect(socket.calls.filter((c) => c.name === 'voice.rules.get')).toHaveLength(2));
    expect(((await screen.findByRole('checkbox', { name: 'Rule «No shouting» is on' })) as HTMLInputElement).checked).toBe(true);
  });

  it("marks the rule the hub refused with the hub's reason", async () => {
    setup({ 'voice.rules.save': () => ({ ok: false, error: { code: 'BAD_REQUEST', message: 'Invalid', fields: [{ path: 'rules.0.allow.0', message: 'Too big' }] } }) });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Rule «No shouting» is on' }));
    fireEvent.click(screen.getByRole('button', { name: /Save as version 5/ }));
    expect(await screen.findByText('Some rules are not valid; they are marked below. Fix them and save again.')).toBeTruthy();
    expect(within(screen.getByRole('row', { name: /No shouting/ })).getByRole('alert').textContent).toMatch(/Not saved: Too big/);
  });

  it('lists the versions and restores an earlier one as the newest', async () => {
    const { socket } = setup({ 'voice.rules.restore': () => ({ ok: true, data: VoiceRuleSet.parse({ version: 5, rules: [] }) }) });
    const history = await screen.findByRole('region', { name: 'Version history' });
    expect(await within(history).findByText('Initial rules')).toBeTruthy();
    expect(within(history).getByText('Ольга Руководитель')).toBeTruthy();
    fireEvent.click(within(history).getByRole('button', { name: 'Restore version 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Restore version 1?' });
    fireEvent.click(within(dialog).getByRole('button', { name: /Restore/ }));
    await waitFor(() => expect(socket.calls.find((c) => c.name === 'voice.rules.restore')?.payload).toEqual({ version: 1, expectedVersion: 4, note: 'Restored version 1' }));
    expect(await screen.findByText(/Saved as version 5/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Rules (version 5)' })).toBeTruthy();
  });
});
