// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReviewView } from '../../../../common/api/review.ts';
import { FakeSocket, renderWithHub } from '../../test/fakeHub.tsx';
import { ReviewEditor } from './ReviewEditorPage.tsx';
import { reviewFixture } from './testData.ts';

function setup(review: ReviewView, socket: FakeSocket) {
  let current = review;
  const view = renderWithHub(<ReviewEditor review={current} onChange={(next) => (current = next)} back={{ to: '/review', label: 'Back' }} />, { socket, role: 'supervisor' });
  return { ...view, latest: () => current };
}

describe('ReviewEditor', () => {
  afterEach(cleanup);

  it('shows the conversation with the rules’ findings and the suggested scores', () => {
    setup(reviewFixture(), new FakeSocket());
    const thread = screen.getByRole('list', { name: 'Messages of the reviewed conversation' });
    expect(within(thread).getByText('Не знаю').tagName).toBe('MARK');
    expect(within(thread).getByRole('list', { name: '1 rule finding' }).textContent).toContain("We don't write «не знаю»: rephrase it.");
    expect((screen.getByLabelText('Greeting: score from 0 to 5') as HTMLInputElement).value).toBe('4');
    expect(screen.getByText('Rules suggest 4 of 5 (0 replies with errors, 1 with warnings only).')).toBeTruthy();
    expect(screen.getByText('The total appears once every criterion is scored.')).toBeTruthy();
  });

  it('comments on the message the supervisor picked', async () => {
    const socket = new FakeSocket({
      'review.comment': (payload) => ({ ok: true, data: reviewFixture({ comments: [{ id: 'c-1', messageId: 'm-2', author: { id: 'u-1', name: 'Елена Кузнецова' }, body: (payload as { body: string }).body, createdAt: '2026-11-21T10:00:00.000Z' }] }) }),
    });
    const { latest } = setup(reviewFixture(), socket);
    fireEvent.click(screen.getByRole('button', { name: 'Comment on the message from Мария Соколова' }));
    fireEvent.change(screen.getByLabelText('Comment for the agent'), { target: { value: 'Уточните срок у склада' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add comment' }));
    await waitFor(() => expect(latest().comments).toHaveLength(1));
    expect(socket.calls.find((c) => c.name === 'review.comment')!.payload).toEqual({ reviewId: 'rv-1', messageId: 'm-2', body: 'Уточните срок у склада' });
  });

  it('submits every score with the live total, and shows the hub’s refusal beside the score', async () => {
    const socket = new FakeSocket({
      'review.save': () => ({ ok: false, error: { code: 'BAD_REQUEST', message: 'Some scores do not fit', fields: [{ path: 'scores.1.score', message: 'must be between 0 and 5' }] } }),
    });
    setup(reviewFixture(), socket);
    fireEvent.change(screen.getByLabelText('Empathy: score from 0 to 5'), { target: { value: '5' } });
    // (10 × 4/5 + 30 × 5/5) / 40 = 95
    expect(screen.getByText('Total 95 of 100')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Submit review' }));
    await waitFor(() => expect(screen.getByText('must be between 0 and 5')).toBeTruthy());
    expect(socket.calls.find((c) => c.name === 'review.save')!.payload).toEqual({
      reviewId: 'rv-1',
      submit: true,
      scores: [
        { criterionId: 'greeting', score: 4, note: '' },
        { criterionId: 'empathy', score: 5, note: '' },
      ],
    });
  });

  it('is read-only once submitted', () => {
    setup(reviewFixture({ status: 'submitted', canEdit: false, canComment: false, total: 95 }), new FakeSocket());
    expect(screen.queryByRole('button', { name: 'Submit review' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Comment on/ })).toBeNull();
    expect(screen.getByLabelText('Greeting: score from 0 to 5').matches(':disabled')).toBe(true);
  });
});
