// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewView } from '../../../../common/api/review.ts';
import { FakeSocket, renderWithHub } from '../../test/fakeHub.tsx';
import { MyReview, MyReviewsPage } from './MyReviewsPage.tsx';
import { reviewFixture } from './testData.ts';

const submitted = reviewFixture({
  status: 'submitted',
  total: 80,
  submittedAt: '2026-11-21T10:00:00.000Z',
  canEdit: false,
  canComment: false,
  canRespond: true,
  scores: [
    { criterionId: 'greeting', score: 4, note: '' },
    { criterionId: 'empathy', score: 4, note: 'Извинитесь за задержку' },
  ],
  comments: [{ id: 'c-1', messageId: 'm-2', author: { id: 'u-1', name: 'Елена Кузнецова' }, body: 'Так отвечать нельзя', createdAt: '2026-11-21T10:00:00.000Z' }],
  commentCount: 1,
});

describe('My reviews', () => {
  afterEach(cleanup);

  it('lists the reviews of the agent’s work, and says so when there are none', async () => {
    const socket = new FakeSocket({ 'review.list': () => ({ ok: true, data: [submitted] }) });
    renderWithHub(<MyReviewsPage />, { socket });
    expect(await screen.findByRole('link', { name: /Review by Елена Кузнецова/ })).toBeTruthy();
    expect(screen.getByText('Total 80 of 100')).toBeTruthy();
    expect(screen.getByText('1 comment')).toBeTruthy();
    expect(socket.calls.find((c) => c.name === 'review.list')!.payload).toEqual({ scope: 'mine' });
    cleanup();
    renderWithHub(<MyReviewsPage />, { socket: new FakeSocket({ 'review.list': () => ({ ok: true, data: [] }) }) });
    expect(await screen.findByText('No reviews of your conversations yet.')).toBeTruthy();
  });

  it('shows the comments on the agent’s message and acknowledges the review', async () => {
    let answered: ReviewView | null = null;
    const socket = new FakeSocket({ 'review.respond': () => ({ ok: true, data: { ...submitted, status: 'acknowledged', canRespond: false, respondedAt: '2026-11-22T10:00:00.000Z' } }) });
    renderWithHub(<MyReview review={submitted} onChange={(next) => (answered = next)} />, { socket });
    expect(screen.getByRole('list', { name: 'Comments on this message' }).textContent).toContain('Так отвечать нельзя');
    expect(screen.getByText('Извинитесь за задержку')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    await waitFor(() => expect(answered?.status).toBe('acknowledged'));
    expect(socket.calls.find((c) => c.name === 'review.respond')!.payload).toEqual({ reviewId: 'rv-1', response: 'acknowledged', note: '' });
  });

  it('asks for a note before disputing, then sends it', async () => {
    const socket = new FakeSocket({ 'review.respond': () => ({ ok: true, data: { ...submitted, status: 'disputed', canRespond: false } }) });
    renderWithHub(<MyReview review={submitted} onChange={() => {}} />, { socket });
    fireEvent.click(screen.getByRole('button', { name: 'Dispute' }));
    expect(await screen.findByText('Say what you disagree with.')).toBeTruthy();
    expect(socket.calls.some((c) => c.name === 'review.respond')).toBe(false);
    fireEvent.change(screen.getByLabelText('Note to the reviewer'), { target: { value: 'Клиент просил коротко' } });
    fireEvent.click(screen.getByRole('button', { name: 'Dispute' }));
    await waitFor(() => expect(socket.calls.find((c) => c.name === 'review.respond')?.payload).toEqual({ reviewId: 'rv-1', response: 'disputed', note: 'Клиент просил коротко' }));
  });
});
