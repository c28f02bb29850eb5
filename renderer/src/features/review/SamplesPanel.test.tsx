// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SampleView } from '../../../../common/api/review.ts';
import { FakeSocket, renderWithHub } from '../../test/fakeHub.tsx';
import { SamplesPanel } from './SamplesPanel.tsx';

const sample: SampleView = {
  id: 's-1',
  criteria: { agentIds: ['agent-1'], channels: ['sms'], from: '2026-11-01T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z', perAgent: 3, mode: 'many_lint_warnings', seed: 7 },
  createdBy: { id: 'u-1', name: 'Елена Кузнецова' },
  createdAt: '2026-11-23T10:00:00.000Z',
  itemCount: 1,
  reviewedCount: 0,
  items: [
    {
      conversationId: 'cv-1',
      agent: { id: 'agent-1', name: 'Мария Соколова' },
      channel: 'sms',
      subject: 'Где мой заказ',
      customerName: 'Алёна Фёдорова',
      startedAt: '2026-11-10T09:00:00.000Z',
      agentMessages: 3,
      errors: 2,
      warnings: 1,
      myReview: null,
      reviewCount: 0,
    },
  ],
};

describe('SamplesPanel', () => {
  afterEach(cleanup);

  it('draws a sample with the chosen agents, channels and mode, and lists its conversations to review', async () => {
    const socket = new FakeSocket({
      'review.samples': () => ({ ok: true, data: [] }),
      'review.agents': () => ({ ok: true, data: [{ id: 'agent-1', name: 'Мария Соколова' }, { id: 'agent-2', name: 'Дмитрий Волков' }] }),
      'review.sample': () => ({ ok: true, data: sample }),
      'review.sampleGet': () => ({ ok: true, data: sample }),
    });
    renderWithHub(<SamplesPanel />, { socket, role: 'supervisor', path: '/review' });
    expect(await screen.findByText('No samples yet. Draw the first one above.')).toBeTruthy();
    fireEvent.click(await screen.findByLabelText('Мария Соколова'));
    fireEvent.click(screen.getByLabelText('SMS'));
    fireEvent.change(screen.getByLabelText('How to pick'), { target: { value: 'many_lint_warnings' } });
    fireEvent.change(screen.getByLabelText('Conversations per agent'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Draw sample' }));
    const open = await screen.findByRole('link', { name: "Review Мария Соколова's conversation with Алёна Фёдорова" }, { timeout: 5000 });
    expect(open.getAttribute('href')).toBe('/review/conversations/cv-1?sample=s-1');
    expect(screen.getByText('2 errors, 1 warnings in 3 replies')).toBeTruthy();
    const sent = socket.calls.find((c) => c.name === 'review.sample')!.payload as Record<string, unknown>;
    expect(sent).toMatchObject({ agentIds: ['agent-1'], channels: ['sms'], mode: 'many_lint_warnings', perAgent: 3 });
    expect(Date.parse(sent.to as string) - Date.parse(sent.from as string)).toBeGreaterThan(28 * 86_400_000 - 3_600_000);
  });

  it('says when nothing matches instead of showing an empty sample', async () => {
    const socket = new FakeSocket({
      'review.samples': () => ({ ok: true, data: [] }),
      'review.agents': () => ({ ok: true, data: [] }),
      'review.sample': () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'No conversation matches' } }),
    });
    renderWithHub(<SamplesPanel />, { socket, role: 'supervisor', path: '/review' });
    fireEvent.click(await screen.findByRole('button', { name: 'Draw sample' }));
    await waitFor(() => expect(screen.getByText(/No conversation matches\. Try a longer period/)).toBeTruthy());
  });
});
