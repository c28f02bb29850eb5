// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../common/result.ts';
import { renderWithHub } from '../test/fakeHub.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';

afterEach(cleanup);

function renderDialog(run: () => Promise<Result<string>>) {
  const onDone = vi.fn();
  const onClose = vi.fn();
  renderWithHub(
    <ConfirmDialog title="Disable Anna?" confirmText="Disable" icon="ban" tone="danger" onClose={onClose} run={run} onDone={onDone}>
      <p>Anna will no longer sign in.</p>
    </ConfirmDialog>,
  );
  return { onDone, onClose };
}

describe('ConfirmDialog', () => {
  it('runs the action and hands its result on', async () => {
    const { onDone } = renderDialog(async () => ({ ok: true, data: 'done' }));
    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('done'));
  });

  it('stays open with the hub’s error when the action is refused', async () => {
    const { onDone } = renderDialog(async () => ({ ok: false, error: { code: 'CONFLICT', message: 'no' } }));
    const confirm = screen.getByRole('button', { name: 'Disable' });
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.getByRole('dialog').textContent).toMatch(/someone else/i));
    expect(onDone).not.toHaveBeenCalled();
    expect((confirm as HTMLButtonElement).disabled).toBe(false);
  });
});
