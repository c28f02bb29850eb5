// What every signed-in screen of an agent's desk has: the shortcuts help (`?`), the search palette
// (Ctrl+K / ⌘K) and the notifier for new messages. Mounted once by the shell.
import { useState } from 'react';
import { Dialog } from '../ui/Dialog.tsx';
import { Icon } from '../ui/Icon.tsx';
import { useCan } from './context.tsx';
import { useT } from './i18n.ts';
import { DeskNotifier } from './notifications.tsx';
import { SearchPalette } from './SearchPalette.tsx';
import { keyLabel, useRegisteredShortcuts, useShortcut, type ShortcutEntry } from './shortcuts.ts';

export function DeskServices() {
  const { t } = useT();
  // The palette searches messages too: it belongs to the roles that work conversations.
  const canConversations = useCan('conversations.read');
  const canSearch = canConversations;
  const [open, setOpen] = useState<'search' | 'help' | null>(null);

  useShortcut('?', () => setOpen('help'), t('desk:Shortcuts.help'));
  useShortcut('Mod+k', () => setOpen((o) => (o === 'search' ? null : 'search')), t('desk:Shortcuts.search'), {
    enabled: canSearch,
    allowInDialogs: true,
  });

  return (
    <>
      {canSearch ? (
        <button type="button" className="btn btn--ghost btn--small search-launch" onClick={() => setOpen('search')} aria-keyshortcuts="Control+K Meta+K">
          <Icon name="search" />
          <span>{t('desk:Search.open')}</span>
          <kbd aria-hidden="true">{keyLabel('Mod+k').join('+')}</kbd>
        </button>
      ) : null}
      <button
        type="button"
        className="btn btn--ghost btn--icon"
        onClick={() => setOpen('help')}
        aria-label={t('desk:Shortcuts.open')}
        title={t('desk:Shortcuts.open')}
        aria-keyshortcuts="Shift+?"
      >
        <Icon name="keyboard" size={18} />
      </button>
      {canConversations ? <DeskNotifier /> : null}
      {open === 'search' ? <SearchPalette onClose={() => setOpen(null)} /> : null}
      {open === 'help' ? <ShortcutsHelp onClose={() => setOpen(null)} /> : null}
    </>
  );
}

/** Registered shortcuts grouped by what they do: several keys for one action share a row. */
export function groupShortcuts(entries: readonly ShortcutEntry[]): Array<{ description: string; keys: string[] }> {
  const rows = new Map<string, Set<string>>();
  for (const entry of entries) {
    const keys = rows.get(entry.description) ?? new Set<string>();
    keys.add(entry.key);
    rows.set(entry.description, keys);
  }
  return [...rows].map(([description, keys]) => ({ description, keys: [...keys] }));
}

export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const { t } = useT();
  const entries = useRegisteredShortcuts();
  const rows = [...groupShortcuts(entries), { description: t('desk:Shortcuts.close'), keys: ['Escape'] }];
  return (
    <Dialog title={t('desk:Shortcuts.title')} onClose={onClose}>
      <p className="muted shortcuts__intro">{t('desk:Shortcuts.intro')}</p>
      <table className="shortcuts">
        <caption className="visually-hidden">{t('desk:Shortcuts.title')}</caption>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">{t('desk:Shortcuts.keyColumn')}</th>
            <th scope="col">{t('desk:Shortcuts.actionColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.description}>
              <td className="shortcuts__keys">
                {row.keys.map((key, i) => (
                  <span key={key}>
                    {i > 0 ? <span className="muted"> {t('desk:Shortcuts.or')} </span> : null}
                    {keyLabel(key).map((part, j) => (
                      <span key={j}>
                        {j > 0 ? '+' : null}
                        <kbd>{part}</kbd>
                      </span>
                    ))}
                  </span>
                ))}
              </td>
              <td>{row.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
