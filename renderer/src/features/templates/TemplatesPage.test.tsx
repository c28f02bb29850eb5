// @vitest-environment jsdom
// The library page: each template's review status for authors, filters by folder and tag, the
// supervisor's approval of a version waiting for it (not their own), and the read-only view for agents.
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TemplateDetail, TemplateSummary } from '../../../../common/api/templates.ts';
import type { Role } from '../../../../common/domain/enums.ts';
import { FakeSocket, renderWithHub, type Handler } from '../../test/fakeHub.tsx';
import { TemplatesPage } from './TemplatesPage.tsx';

const summary = (id: string, name: string, folder: string, tags: string[], latestStatus: TemplateSummary['latestStatus']): TemplateSummary => ({
  id,
  key: id,
  name,
  folder,
  tags,
  archived: false,
  approvedVersion: latestStatus === 'approved' ? 1 : null,
  latestVersion: 1,
  latestStatus,
  variants: [{ channel: 'telegram', locale: 'ru' }],
  updatedAt: '2026-11-23T10:00:00.000Z',
});

const LIBRARY = [
  summary('greeting', 'Приветствие', 'Общее', ['приветствие'], 'approved'),
  summary('gift_card', 'Подарочная карта', 'Акции', ['акция'], 'pending'),
  summary('reservation_notice', 'Бронь оформлена', 'Брони/Уведомления', ['бронь'], 'rejected'),
];

const pending = (authorId: string): TemplateDetail => ({
  ...LIBRARY[1]!,
  versions: [
    {
      id: 'v-gift-1',
      version: 1,
      status: 'pending',
      superseded: false,
      variants: [{ channel: 'telegram', locale: 'ru', subject: null, body: 'Подарочные карты «Ампер» от 1 000 ₽.' }],
      createdBy: { id: authorId, name: 'Ольга Морозова' },
      createdAt: '2026-11-23T09:00:00.000Z',
      reviewedBy: null,
      reviewedAt: null,
      reviewNote: null,
    },
  ],
});

function setup(role: Role, handlers: Record<string, Handler> = {}) {
  const socket = new FakeSocket({
    'template.list': (payload) => {
      const input = payload as { folder?: string; tag?: string };
      return { ok: true, data: LIBRARY.filter((s) => (!input.folder || s.folder.startsWith(input.folder)) && (!input.tag || s.tags.includes(input.tag))) };
    },
    'template.get': () => ({ ok: true, data: pending('u-marketer') }),
    ...handlers,
  });
  renderWithHub(<TemplatesPage />, { socket, role });
  return socket;
}

const list = () => screen.getByRole('list', { name: 'Templates' });

describe('TemplatesPage', () => {
  afterEach(cleanup);

  it('shows authors every template with its review status, and filters by folder and tag', async () => {
    const socket = setup('supervisor');
    await waitFor(() => expect(within(list()).getAllByRole('button')).toHaveLength(3));
    expect(within(list()).getByRole('button', { name: /Приветствие.*Approved/ })).toBeTruthy();
    expect(within(list()).getByRole('button', { name: /Подарочная карта.*Waiting for approval/ })).toBeTruthy();
    expect(within(list()).getByRole('button', { name: /Бронь оформлена.*Rejected/ })).toBeTruthy();
    expect(socket.calls.find((c) => c.name === 'template.list')?.payload).toEqual({ includePending: true });

    // The folder list has every parent folder too.
    fireEvent.change(screen.getByRole('combobox', { name: 'Folder' }), { target: { value: 'Брони' } });
    await waitFor(() => expect(within(list()).getAllByRole('button')).toHaveLength(1));
    fireEvent.change(screen.getByRole('combobox', { name: 'Folder' }), { target: { value: '' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Tag' }), { target: { value: 'акция' } });
    await waitFor(() => expect(within(list()).getAllByRole('button').map((b) => b.textContent)).toEqual([expect.stringContaining('Подарочная карта')]));
  });

  it('lets a supervisor approve a version written by someone else', async () => {
    const approved: TemplateDetail = { ...pending('u-marketer'), approvedVersion: 1, latestStatus: 'approved', versions: [{ ...pending('u-marketer').versions[0]!, status: 'approved' }] };
    const socket = setup('supervisor', { 'template.review': () => ({ ok: true, data: approved }) });
    fireEvent.click(await within(await screen.findByRole('list', { name: 'Templates' })).findByRole('button', { name: /Подарочная карта/ }));
    const review = await screen.findByRole('region', { name: 'Approval' });
    expect(within(review).getByText('Version 1 by Ольга Морозова waits for your decision.')).toBeTruthy();
    expect((within(review).getByRole('button', { name: 'Reject' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(review).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Approval' })).toBeNull());
    expect(socket.calls.find((c) => c.name === 'template.review')?.payload).toEqual({ versionId: 'v-gift-1', decision: 'approve', note: null });
  });

  it('does not offer approval of one\'s own version', async () => {
    // makeMe() signs in as u-1.
    setup('supervisor', { 'template.get': () => ({ ok: true, data: pending('u-1') }) });
    fireEvent.click(await within(await screen.findByRole('list', { name: 'Templates' })).findByRole('button', { name: /Подарочная карта/ }));
    const review = await screen.findByRole('region', { name: 'Approval' });
    expect(within(review).getByText('You wrote this version: another reviewer must approve it.')).toBeTruthy();
    expect((within(review).getByRole('button', { name: 'Approve' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('gives agents the approved library without statuses, review or a new template', async () => {
    const socket = setup('agent');
    await waitFor(() => expect(within(list()).getAllByRole('button')).toHaveLength(3));
    expect(socket.calls.find((c) => c.name === 'template.list')?.payload).toEqual({ includePending: false });
    expect(screen.queryByText('Waiting for approval')).toBeNull();
    expect(screen.queryByRole('button', { name: 'New template' })).toBeNull();
  });
});
