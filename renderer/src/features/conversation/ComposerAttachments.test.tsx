// @vitest-environment jsdom
// The composer's files: attach (button or drop), upload with the session token (fetch stubbed), chips with
// their state, errors, sending the reply with the uploaded references, and SMS refusing files.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttachmentRef, ConversationDetail, SendReplyInput } from '../../../../common/api/desk.ts';
import { FakeSocket, renderWithHub } from '../../test/fakeHub.tsx';
import { Composer } from './Composer.tsx';
import { conversationDetail, message } from './testData.ts';

const sentEvent = message(50, { direction: 'outbound', status: 'queued', body: '', channel: 'telegram' });
const telegramDetail = (): ConversationDetail =>
  conversationDetail({
    replyChannels: [
      { channel: 'telegram', to: '@anna', optedOut: false, blocked: false },
      { channel: 'sms', to: '+7 912 ***-**-89', optedOut: false, blocked: false },
    ],
    defaultChannel: 'telegram',
  });

const ref = (name: string, size: number): AttachmentRef => ({ sha256: 'a'.repeat(64), fileName: name, contentType: 'application/pdf', size });

function setup(detail = telegramDetail()) {
  const onSent = vi.fn();
  const socket = new FakeSocket({
    'conversation.saveDraft': () => ({ ok: true, data: null }),
    'desk.activity': () => ({ ok: true, data: { ok: true } }),
    'conversation.reply': () => ({ ok: true, data: { sent: true, messageId: 'm50', status: 'queued', event: sentEvent } }),
  });
  const view = renderWithHub(<Composer detail={detail} onSent={onSent} />, { socket });
  return { ...view, socket, onSent };
}

const fileInput = () => screen.getByLabelText('Files to attach') as HTMLInputElement;
const attach = (...files: File[]) => fireEvent.change(fileInput(), { target: { files } });
const chips = () => within(screen.getByRole('list', { name: 'Attached files' }));
const sendButton = () => screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;

function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('Composer attachments', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    localStorage.clear();
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('uploads a chosen file with the session token, shows its chip, and sends it with an empty body', async () => {
    let finish: (response: Response) => void = () => {};
    fetchMock.mockReturnValueOnce(new Promise<Response>((resolve) => (finish = resolve)));
    const { socket, onSent } = setup();
    const file = new File(['%PDF-1.7'], 'Счёт №1.pdf', { type: 'application/pdf' });
    attach(file);

    // Uploading: the chip shows progress and the send waits for it.
    expect(chips().getByText('Счёт №1.pdf')).toBeTruthy();
    expect(chips().getByLabelText('Uploading Счёт №1.pdf')).toBeTruthy();
    expect(sendButton().disabled).toBe(true);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/attachments');
    expect(init.method).toBe('POST');
    expect(init.body).toBe(file);
    expect(init.headers).toMatchObject({ Authorization: 'Bearer t', 'Content-Type': 'application/pdf', 'X-File-Name': encodeURIComponent('Счёт №1.pdf') });

    const uploaded = ref('Счёт №1.pdf', 8);
    finish(jsonResponse(201, { ok: true, data: uploaded }));
    await waitFor(() => expect(chips().queryByLabelText('Uploading Счёт №1.pdf')).toBeNull());
    expect(sendButton().disabled).toBe(false);

    fireEvent.click(sendButton());
    await waitFor(() => expect(onSent).toHaveBeenCalledWith(sentEvent));
    const [input] = socket.calls.filter((c) => c.name === 'conversation.reply').map((c) => c.payload) as SendReplyInput[];
    expect(input).toMatchObject({ channel: 'telegram', body: '', attachments: [uploaded] });
    // Sent: the composer is empty again.
    expect(screen.queryByRole('list', { name: 'Attached files' })).toBeNull();
  });

  it('attaches dropped files', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { ok: true, data: ref('photo.pdf', 3) }));
    setup();
    const file = new File(['abc'], 'photo.pdf', { type: 'application/pdf' });
    fireEvent.drop(screen.getByRole('region', { name: 'Composer' }), { dataTransfer: { files: [file], types: ['Files'] } });
    expect(chips().getByText('photo.pdf')).toBeTruthy();
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
  });

  it('refuses a file over the limit without uploading it, and says why', () => {
    setup();
    const big = new File(['x'], 'video.mp4', { type: 'video/mp4' });
    Object.defineProperty(big, 'size', { value: 26 * 1024 * 1024 });
    attach(big);
    expect(chips().getByRole('alert').textContent).toMatch(/Too large: the limit is 25 MB/);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(sendButton().disabled).toBe(true);
    // Removing it frees the composer.
    fireEvent.click(chips().getByRole('button', { name: 'Remove video.mp4' }));
    expect(screen.queryByRole('list', { name: 'Attached files' })).toBeNull();
  });

  it('shows an upload the hub refused as too large, and a failed one as failed', async () => {
    fetchMock
      .mockResolvedValueOnce(jsonResponse(413, { ok: false, error: { code: 'BAD_REQUEST', message: 'The file is larger than 25 MB' } }))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    setup();
    attach(new File(['a'], 'a.pdf'), new File(['b'], 'b.pdf'));
    await waitFor(() => expect(chips().getAllByRole('alert')).toHaveLength(2));
    const alerts = chips().getAllByRole('alert').map((a) => a.textContent);
    expect(alerts[0]).toMatch(/Too large/);
    expect(alerts[1]).toMatch(/Upload failed/);
    fireEvent.change(screen.getByRole('textbox', { name: 'Reply text' }), { target: { value: 'Текст' } });
    expect(sendButton().disabled).toBe(true);
  });

  it('turns attaching off for SMS with the reason', () => {
    setup(telegramDetail());
    fireEvent.change(screen.getByRole('combobox', { name: 'Reply channel' }), { target: { value: 'sms' } });
    const button = screen.getByRole('button', { name: 'Attach files' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByText('SMS cannot carry files: pick another channel to send them.')).toBeTruthy();
    attach(new File(['a'], 'a.pdf'));
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
