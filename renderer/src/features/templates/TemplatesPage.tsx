// The template library (/templates): search, folders and tags on the left with each template's review
// status; the chosen template, or a new one, on the right. Agents see approved templates read-only;
// authors write new versions; supervisors approve or reject them.
import { useId, useState } from 'react';
import type { TemplateSummary } from '../../../../common/api/templates.ts';
import { useCan, useHubEvent, useHubQuery } from '../../app/context.tsx';
import { useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { Icon } from '../../ui/Icon.tsx';
import { EmptyState, ErrorState, Loading } from '../../ui/States.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { StatusBadge, TemplateDetailPane } from './TemplateDetailPane.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';
import './templates.css';

/** Every folder and each of its parents ("Брони/Уведомления" → "Брони", "Брони/Уведомления"). */
export function foldersOf(templates: readonly TemplateSummary[]): string[] {
  const all = new Set<string>();
  for (const { folder } of templates) {
    const parts = folder.split('/');
    parts.forEach((_, i) => all.add(parts.slice(0, i + 1).join('/')));
  }
  return [...all].sort((a, b) => a.localeCompare(b));
}

export function TemplatesPage() {
  const { t } = useT();
  const ids = { search: useId(), folder: useId(), tag: useId() };
  const canAuthor = useCan('templates.author');
  const canReview = useCan('voice.manage');
  const seesDrafts = canAuthor || canReview;
  const [q, setQ] = useState('');
  const [folder, setFolder] = useState('');
  const [tag, setTag] = useState('');
  const [selected, setSelected] = useState<string | 'new' | null>(null);
  const search = useDebounced(q, 250);
  usePageTitle(t('templates:Page.title'));

  // Folders and tags come from the whole library, so choosing one never hides the others.
  const library = useHubQuery('template.list', { includePending: seesDrafts });
  const list = useHubQuery('template.list', { includePending: seesDrafts, ...(search ? { q: search } : {}), ...(folder ? { folder } : {}), ...(tag ? { tag } : {}) });
  useHubEvent('templates.changed', () => {
    library.refresh();
    list.refresh();
  });
  const all = library.state.status === 'ok' ? library.state.data : [];
  const tags = [...new Set(all.flatMap((s) => s.tags))].sort((a, b) => a.localeCompare(b));

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1>{t('templates:Page.title')}</h1>
          <p className="page__subtitle muted">{seesDrafts ? t('templates:Page.subtitleAuthor') : t('templates:Page.subtitleAgent')}</p>
        </div>
        {canAuthor ? (
          <button type="button" className="btn btn--primary" onClick={() => setSelected('new')}>
            <Icon name="plus" /> {t('templates:Page.new')}
          </button>
        ) : null}
      </header>
      <div className="templates">
        <aside className="templates__sidebar" aria-label={t('templates:Page.filters')}>
          <label className="visually-hidden" htmlFor={ids.search}>
            {t('templates:Page.search')}
          </label>
          <input id={ids.search} type="search" className="input" placeholder={t('templates:Page.search')} value={q} onChange={(e) => setQ(e.target.value)} />
          <select id={ids.folder} className="input select" aria-label={t('templates:Page.folder')} value={folder} onChange={(e) => setFolder(e.target.value)}>
            <option value="">{t('templates:Page.allFolders')}</option>
            {foldersOf(all).map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
          <select id={ids.tag} className="input select" aria-label={t('templates:Page.tag')} value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">{t('templates:Page.allTags')}</option>
            {tags.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          {list.state.status === 'loading' ? (
            <Loading label={t('templates:Page.loading')} />
          ) : list.state.status === 'error' ? (
            <ErrorState error={list.state.error} onRetry={list.reload} />
          ) : list.state.data.length === 0 ? (
            <EmptyState title={search || folder || tag ? t('templates:Page.noMatch') : t('templates:Page.empty')} />
          ) : (
            <ul className="templates__list" aria-label={t('templates:Page.listLabel')}>
              {list.state.data.map((item) => (
                <li key={item.id} className="templates__item">
                  <button type="button" className="templates__item-button" aria-current={selected === item.id || undefined} onClick={() => setSelected(item.id)}>
                    <span className="templates__item-row">
                      <strong>{item.name}</strong>
                      {item.archived ? <span className="badge badge--neutral">{t('templates:Status.archived')}</span> : seesDrafts ? <StatusBadge status={item.latestStatus} /> : null}
                    </span>
                    <span className="muted small">
                      {item.folder}
                      {item.tags.length > 0 ? ` · ${item.tags.join(', ')}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </aside>
        <section aria-label={t('templates:Page.detailLabel')}>
          {selected === 'new' ? (
            <TemplateEditor
              key="new"
              detail={null}
              canEdit
              onSaved={(detail) => {
                list.refresh();
                library.refresh();
                setSelected(detail.id);
              }}
            />
          ) : selected ? (
            <TemplateDetailPane
              key={selected}
              id={selected}
              onChanged={() => {
                list.refresh();
                library.refresh();
              }}
            />
          ) : (
            <EmptyState icon="edit" title={t('templates:Page.choose')} />
          )}
        </section>
      </div>
    </div>
  );
}
