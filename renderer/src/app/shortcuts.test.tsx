// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket, renderWithHub } from '../test/fakeHub.tsx';
import { DeskServices } from './DeskServices.tsx';
import { keyLabel, matchesKey, ShortcutRegistry, useShortcut } from './shortcuts.ts';

const key = (k: string, extra: Partial<KeyboardEvent> = {}) => ({ key: k, code: '', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...extra });

describe('matchesKey', () => {
  it('matches letters (also by physical key on another layout), modifiers and punctuation', () => {
    expect(matchesKey(key('j'), 'j')).toBe(true);
    expect(matchesKey(key('о', { code: 'KeyJ' }), 'j')).toBe(true); // Russian layout
    expect(matchesKey(key('j', { ctrlKey: true }), 'j')).toBe(false);
    expect(matchesKey(key('J', { shiftKey: true }), 'j')).toBe(false);
    expect(matchesKey(key('k', { ctrlKey: true }), 'Mod+k')).toBe(true);
    expect(matchesKey(key('k', { metaKey: true }), 'Mod+k')).toBe(true);
    expect(matchesKey(key('л', { code: 'KeyK', ctrlKey: true }), 'Mod+k')).toBe(true);
    expect(matchesKey(key('ArrowDown', { altKey: true }), 'Alt+ArrowDown')).toBe(true);
    expect(matchesKey(key('ArrowDown'), 'Alt+ArrowDown')).toBe(false);
    expect(matchesKey(key('?', { shiftKey: true }), '?')).toBe(true);
    expect(keyLabel('Alt+ArrowDown')).toEqual(['Alt', '↓']);
    expect(keyLabel('j')).toEqual(['j']);
  });
});

function Harness({ onJ, onSearch }: { onJ: () => void; onSearch: () => void }) {
  useShortcut('j', onJ, 'Next');
  useShortcut('Mod+k', onSearch, 'Search');
  return (
    <div>
      <input aria-label="Text" />
      <textarea aria-label="Body" />
      <input type="checkbox" aria-label="Pick" />
    </div>
  );
}

describe('useShortcut', () => {
  afterEach(cleanup);

  it('fires on the page, is ignored while typing in inputs and text areas — except Ctrl+K', () => {
    const onJ = vi.fn();
    const onSearch = vi.fn();
    render(<Harness onJ={onJ} onSearch={onSearch} />);
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(onJ).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByLabelText('Text'), { key: 'j' });
    fireEvent.keyDown(screen.getByLabelText('Body'), { key: 'j' });
    expect(onJ).toHaveBeenCalledTimes(1);
    // A checkbox is not typing.
    fireEvent.keyDown(screen.getByLabelText('Pick'), { key: 'j' });
    expect(onJ).toHaveBeenCalledTimes(2);
    fireEvent.keyDown(screen.getByLabelText('Text'), { key: 'k', ctrlKey: true });
    expect(onSearch).toHaveBeenCalledTimes(1);
  });

  it('stops handling when the component unmounts; the newest registration of a key wins', () => {
    const registry = new ShortcutRegistry(window);
    const first = vi.fn();
    const second = vi.fn(() => false as const);
    const undoFirst = registry.register('e', first, 'Resolve');
    const undoSecond = registry.register('e', second, 'Resolve here');
    fireEvent.keyDown(document.body, { key: 'e' });
    // The second passed (returned false), so the first got it.
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledTimes(1);
    undoSecond();
    undoFirst();
    fireEvent.keyDown(document.body, { key: 'e' });
    expect(first).toHaveBeenCalledTimes(1);
    expect(registry.getEntries()).toEqual([]);
  });
});

function PaneShortcuts() {
  useShortcut('r', () => {}, 'Reply');
  useShortcut('n', () => {}, 'Note');
  return null;
}

describe('the shortcuts help', () => {
  afterEach(cleanup);

  it('? opens an accessible dialog listing every registered shortcut; Esc closes it', async () => {
    renderWithHub(
      <>
        <DeskServices />
        <PaneShortcuts />
        <input aria-label="Field" />
      </>,
      { socket: new FakeSocket() },
    );
    // Not while typing.
    fireEvent.keyDown(screen.getByLabelText('Field'), { key: '?', shiftKey: true });
    expect(screen.queryByRole('dialog')).toBeNull();

    act(() => {
      fireEvent.keyDown(document.body, { key: '?', shiftKey: true });
    });
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const text = dialog.textContent ?? '';
    for (const description of ['Show keyboard shortcuts', 'Search customers and messages', 'Reply', 'Note', 'Close a dialog or this help']) expect(text).toContain(description);
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('Ctrl+K opens the search palette, also from a field', async () => {
    renderWithHub(
      <>
        <DeskServices />
        <input aria-label="Field" />
      </>,
      { socket: new FakeSocket() },
    );
    fireEvent.keyDown(screen.getByLabelText('Field'), { key: 'k', ctrlKey: true });
    expect(await screen.findByRole('combobox', { name: 'Search customers and messages' })).toBeTruthy();
  });
});
