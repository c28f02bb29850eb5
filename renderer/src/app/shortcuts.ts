// Keyboard shortcuts: one registry, one keydown listener. Screens register what they handle with
// `useShortcut(key, handler, description)`; the help overlay (`?`) lists whatever is registered right now.
// Shortcuts are ignored while typing (inputs, text areas, editable text) except Ctrl/⌘+K and Esc, and
// while a modal dialog is open (it owns the keyboard).
import { useEffect, useEffectEvent, useSyncExternalStore } from 'react';

/**
 * A key: `j`, `?`, `Escape`, `Alt+ArrowDown`, `Mod+k` (Ctrl on Windows/Linux, ⌘ on a Mac, either accepted).
 * Letters match by physical key too, so they work on a Russian layout.
 */
export type ShortcutKey = string;

export interface ShortcutOptions {
  /** Fire while focus is in a text input (default: only for Mod+… and Escape). */
  allowInInputs?: boolean;
  /** Fire while a modal dialog is open (default: false). */
  allowInDialogs?: boolean;
}

export interface ShortcutEntry {
  id: number;
  key: ShortcutKey;
  description: string;
  /** Return false to let the next (earlier registered) handler of the same key have it. */
  handler: (event: KeyboardEvent) => void | boolean;
  allowInInputs: boolean;
  allowInDialogs: boolean;
}

interface ParsedKey {
  key: string;
  mod: boolean;
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

export function parseKey(spec: ShortcutKey): ParsedKey {
  const parts = spec.split('+');
  // "Mod++" is not used; a trailing empty part means the key itself is "+".
  const key = parts.pop() || '+';
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  return { key, mod: mods.has('mod'), ctrl: mods.has('ctrl'), alt: mods.has('alt'), shift: mods.has('shift'), meta: mods.has('meta') };
}

export function matchesKey(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, spec: ShortcutKey): boolean {
  const want = parseKey(spec);
  const ctrlOrMeta = event.ctrlKey || event.metaKey;
  if (want.mod) {
    if (!ctrlOrMeta) return false;
  } else {
    if (event.ctrlKey !== want.ctrl || event.metaKey !== want.meta) return false;
  }
  if (event.altKey !== want.alt) return false;
  const isLetter = /^[a-z]$/i.test(want.key);
  if (isLetter) {
    if (event.shiftKey !== want.shift) return false;
    return event.key.toLowerCase() === want.key.toLowerCase() || event.code === `Key${want.key.toUpperCase()}`;
  }
  // Punctuation such as "?" needs Shift on most layouts: the character decides, not the modifier.
  if (want.key.length === 1) return event.key === want.key;
  if (want.shift !== event.shiftKey) return false;
  return event.key === want.key;
}

const textInputTypes = new Set(['text', 'search', 'email', 'tel', 'url', 'password', 'number', 'date', 'datetime-local', 'time', 'month', 'week', '']);

/** Focus is somewhere the user types. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return textInputTypes.has(((element as HTMLInputElement).type || '').toLowerCase());
  return false;
}

const defaultAllowInInputs = (spec: ShortcutKey) => {
  const parsed = parseKey(spec);
  return parsed.mod || parsed.ctrl || parsed.meta || parsed.key === 'Escape';
};

export class ShortcutRegistry {
  private entries: ShortcutEntry[] = [];
  private readonly listeners = new Set<() => void>();
  private nextId = 1;
  private attachedTo: Pick<Window, 'addEventListener' | 'removeEventListener'> | null = null;

  constructor(private readonly target: Pick<Window, 'addEventListener' | 'removeEventListener'> | null = typeof window !== 'undefined' ? window : null) {}

  getEntries = (): readonly ShortcutEntry[] => this.entries;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  register(key: ShortcutKey, handler: ShortcutEntry['handler'], description: string, options: ShortcutOptions = {}): () => void {
    const entry: ShortcutEntry = {
      id: this.nextId++,
      key,
      handler,
      description,
      allowInInputs: options.allowInInputs ?? defaultAllowInInputs(key),
      allowInDialogs: options.allowInDialogs ?? false,
    };
    this.set([...this.entries, entry]);
    this.attach();
    return () => {
      this.set(this.entries.filter((e) => e.id !== entry.id));
      if (this.entries.length === 0) this.detach();
    };
  }

  /** Dispatch a keydown; true when a shortcut took it. */
  handle = (event: KeyboardEvent): boolean => {
    if (event.defaultPrevented || event.isComposing) return false;
    const typing = isTypingTarget(event.target);
    const inDialog = typeof document !== 'undefined' && document.querySelector('[aria-modal="true"]') !== null;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      if (!matchesKey(event, entry.key)) continue;
      if (typing && !entry.allowInInputs) continue;
      if (inDialog && !entry.allowInDialogs) continue;
      if (entry.handler(event) === false) continue;
      event.preventDefault();
      return true;
    }
    return false;
  };

  private set(entries: ShortcutEntry[]) {
    this.entries = entries;
    for (const listener of [...this.listeners]) listener();
  }

  private attach() {
    if (this.attachedTo || !this.target) return;
    this.attachedTo = this.target;
    this.target.addEventListener('keydown', this.onKeyDown);
  }

  private detach() {
    this.attachedTo?.removeEventListener('keydown', this.onKeyDown);
    this.attachedTo = null;
  }

  private onKeyDown = (event: Event) => {
    this.handle(event as KeyboardEvent);
  };
}

/** The desk's registry. */
export const shortcuts = new ShortcutRegistry();

/**
 * Handle `key` (or several keys for one action) while the calling component is mounted. `description` is the
 * translated text the help overlay shows. The newest registration of a key wins; pass `enabled: false` to
 * stop handling without unmounting.
 */
export function useShortcut(
  key: ShortcutKey | readonly ShortcutKey[],
  handler: (event: KeyboardEvent) => void | boolean,
  description: string,
  options: ShortcutOptions & { enabled?: boolean } = {},
): void {
  const onKey = useEffectEvent(handler);
  const keys = (Array.isArray(key) ? key : [key]).join('\u0000');
  const { enabled = true, allowInInputs, allowInDialogs } = options;
  useEffect(() => {
    if (!enabled) return;
    const undo = keys.split('\u0000').map((k) => shortcuts.register(k, (event) => onKey(event), description, { allowInInputs, allowInDialogs }));
    return () => undo.forEach((u) => u());
  }, [keys, description, enabled, allowInInputs, allowInDialogs]);
}

export function useRegisteredShortcuts(): readonly ShortcutEntry[] {
  return useSyncExternalStore(shortcuts.subscribe, shortcuts.getEntries);
}

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

const keyNames: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', ArrowLeft: '←', ArrowRight: '→', Escape: 'Esc', Enter: 'Enter', ' ': 'Space' };

/** How a key is written on screen: ["Ctrl", "K"], ["Alt", "↓"], ["?"]. */
export function keyLabel(spec: ShortcutKey): string[] {
  const parsed = parseKey(spec);
  const mac = isMac();
  const parts: string[] = [];
  if (parsed.mod) parts.push(mac ? '⌘' : 'Ctrl');
  if (parsed.ctrl) parts.push('Ctrl');
  if (parsed.meta) parts.push('⌘');
  if (parsed.alt) parts.push(mac ? '⌥' : 'Alt');
  if (parsed.shift) parts.push('Shift');
  const named = keyNames[parsed.key];
  // A bare letter is written as typed ("j"); with a modifier, as on the keycap ("K").
  parts.push(named ?? (parsed.key.length === 1 && parts.length > 0 ? parsed.key.toUpperCase() : parsed.key));
  return parts;
}
