// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelAccountView } from '../../../../common/api/channelSettings.ts';
import { FakeSocket, renderWithHub, type Handler } from '../../test/fakeHub.tsx';
import { ChannelFormDialog } from './ChannelFormDialog.tsx';
import { settingsFromDraft, draftFromSettings } from './channelForms.ts';

const sms: ChannelAccountView = {
  id: 'ch-sms',
  kind: 'sms',
  name: 'SMS (симулятор Twilio)',
  enabled: true,
  settings: {
    accountSid: `AC${'a'.repeat(32)}`,
    fromNumber: '+79001234567',
    apiBaseUrl: 'http://127.0.0.1:4010',
    webhookBaseUrl: 'http://127.0.0.1:4000',
  },
  secretsSet: ['authToken'],
  secretFields: ['authToken'],
  lastSyncAt: null,
  lastError: null,
  lastErrorAt: null,
  counts: { inbound: 3, outbound: 1, failed: 0 },
  updatedAt: '2026-11-23T10:00:00.000Z',
};

const setup = (save: Handler, account: ChannelAccountView | null = sms) => {
  const onSaved = vi.fn();
  const socket = new FakeSocket({ 'channel.save': save });
  const view = renderWithHub(<ChannelFormDialog account={account} onClose={() => {}} onSaved={onSaved} />, { socket, role: 'admin' });
  return { ...view, onSaved };
};

const saved = (socket: FakeSocket) => socket.calls.filter((c) => c.name === 'channel.save').map((c) => c.payload as Record<string, unknown>);

describe('ChannelFormDialog', () => {
  afterEach(cleanup);

  it('never prefills a secret: a stored one is shown as set, with an empty password input', () => {
    setup(() => ({ ok: true, data: sms }));
    const token = screen.getByLabelText('Auth Token') as HTMLInputElement;
    expect(token.type).toBe('password');
    expect(token.value).toBe('');
    expect(document.getElementById(token.getAttribute('aria-describedby')!)?.textContent).toBe('Set — leave empty to keep it');
    // The non-secret settings are filled in.
    expect((screen.getByLabelText(/Account SID/) as HTMLInputElement).value).toBe(sms.settings.accountSid);
    expect((screen.getByLabelText(/Sender number/) as HTMLInputElement).value).toBe('+79001234567');
    // No kind select when editing.
    expect(screen.queryByLabelText('Channel type')).toBeNull();
  });

  it('does not send an empty secret, and sends one that was typed', async () => {
    const { socket, onSaved } = setup(() => ({ ok: true, data: sms }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const [first] = saved(socket);
    expect(first).toMatchObject({ id: 'ch-sms', kind: 'sms', name: sms.name, settings: sms.settings });
    expect(first!.secrets).toEqual({});

    fireEvent.change(screen.getByLabelText('Auth Token'), { target: { value: 'new-token' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saved(socket)).toHaveLength(2));
    expect(saved(socket)[1]!.secrets).toEqual({ authToken: 'new-token' });
  });

  it("puts the hub's field errors beside the right inputs (settings.* and secrets.*)", async () => {
    setup(() => ({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'invalid',
        fields: [
          { path: 'settings.fromNumber', message: 'not a valid phone number' },
          { path: 'secrets.authToken', message: 'the token was refused by Twilio' },
        ],
      },
    }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const from = screen.getByLabelText(/Sender number/);
    await waitFor(() => expect(from.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(from.getAttribute('aria-describedby')!)?.textContent).toBe('Not a valid phone number');
    const token = screen.getByLabelText('Auth Token');
    expect(token.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(token.getAttribute('aria-describedby')!)?.textContent).toBe('the token was refused by Twilio');
    expect(screen.getByLabelText(/Account SID/).getAttribute('aria-invalid')).toBeNull();
  });

  it('tests the form as typed, blank secrets left to the hub, and says the outcome in a status', async () => {
    const answers: Handler[] = [
      () => ({ ok: true, data: { ok: true, detail: 'Twilio account "Shop" is active' } }),
      () => ({ ok: true, data: { ok: false, timedOut: false, reason: 'Twilio 20003: Authenticate' } }),
    ];
    const socket = new FakeSocket({ 'channel.test': (payload) => answers.shift()!(payload) });
    renderWithHub(<ChannelFormDialog account={sms} onClose={() => {}} onSaved={() => {}} />, { socket, role: 'admin' });
    fireEvent.change(screen.getByLabelText(/Sender number/), { target: { value: '+79001112233' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Connection works: Twilio account "Shop" is active'));
    const tests = socket.calls.filter((c) => c.name === 'channel.test').map((c) => c.payload);
    expect(tests).toEqual([{ id: 'ch-sms', form: { kind: 'sms', settings: { ...sms.settings, fromNumber: '+79001112233' }, secrets: {} } }]);

    fireEvent.change(screen.getByLabelText('Auth Token'), { target: { value: 'typo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Connection failed: Twilio 20003: Authenticate'));
    expect((socket.calls.at(-1)!.payload as { form: { secrets: unknown } }).form.secrets).toEqual({ authToken: 'typo' });
    // Nothing was saved by testing.
    expect(saved(socket)).toHaveLength(0);
  });

  it('when adding, asks for the required secret before calling the hub and sends nested email settings', async () => {
    const { socket } = setup(() => ({ ok: true, data: sms }), null);
    fireEvent.change(screen.getByLabelText('Channel type'), { target: { value: 'telegram' } });
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Бот магазина' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    const bot = await screen.findByLabelText(/Bot token/);
    await waitFor(() => expect(bot.getAttribute('aria-invalid')).toBe('true'));
    expect((bot as HTMLInputElement).value).toBe('');
    expect(saved(socket)).toHaveLength(0);

    const settings = settingsFromDraft('email', { ...draftFromSettings('email', {}), 'imap.host': 'imap.shop.ru', 'imap.port': '993', 'imap.mailboxes': 'INBOX, Support' });
    expect(settings).toMatchObject({ imap: { host: 'imap.shop.ru', port: 993, secure: true, mailboxes: ['INBOX', 'Support'] }, smtp: { secure: true } });
  });
});
