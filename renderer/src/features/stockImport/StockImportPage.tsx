// Settings → Stock import (supervisors and admins): upload a stock file from the ERP/POS, check it first
// with a dry run or import it, watch the upload and then the lines being processed, read the report of
// rejected lines, and open the reports of earlier imports.
import { useState, type FormEvent } from 'react';
import type { StockImportReport } from '../../../../common/api/catalog.ts';
import type { AppError } from '../../../../common/result.ts';
import { useHubEvent, useHubQuery, useSession } from '../../app/context.tsx';
import { currentLocale, useT } from '../../app/i18n.ts';
import { usePageTitle } from '../../app/usePageTitle.ts';
import { errorText } from '../../ui/errors.ts';
import { TextField } from '../../ui/Field.tsx';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import { EmptyState, ErrorState, Loading, Notice, Spinner } from '../../ui/States.tsx';
import { SettingsTabs } from '../settings/SettingsTabs.tsx';
import { ImportReport } from './ImportReport.tsx';
import { STOCK_FILE_MAX_BYTES, uploadStockFile } from './uploadStockFile.ts';
import './stockImport.css';

type Phase = { kind: 'idle' } | { kind: 'uploading'; share: number } | { kind: 'processing'; processed: number; total: number };

export function StockImportPage() {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const token = useSession().session?.token ?? '';
  const recent = useHubQuery('stock.imports', {});
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<AppError | null>(null);
  const [report, setReport] = useState<StockImportReport | null>(null);
  usePageTitle(t('catalog:Import.title'));

  const busy = phase.kind !== 'idle';
  useHubEvent('stock.importProgress', (progress) => {
    // Only while this desk runs an import: another tab of the same user may run its own.
    if (busy) setPhase({ kind: 'processing', processed: progress.processedRows, total: progress.totalRows });
  });

  const run = async (dryRun: boolean) => {
    if (!file) return setFileError(t('catalog:Import.noFile'));
    if (file.size > STOCK_FILE_MAX_BYTES) return setFileError(t('catalog:Import.tooLarge', { mb: STOCK_FILE_MAX_BYTES / (1024 * 1024) }));
    setFileError(undefined);
    setError(null);
    setReport(null);
    setPhase({ kind: 'uploading', share: 0 });
    const result = await uploadStockFile(file, {
      token,
      dryRun,
      onUploadProgress: (share) => setPhase((p) => (p.kind === 'uploading' ? { kind: 'uploading', share } : p)),
    });
    setPhase({ kind: 'idle' });
    if (!result.ok) return setError(result.error);
    setReport(result.data);
    recent.refresh();
  };

  const submit = (event: FormEvent, dryRun: boolean) => {
    event.preventDefault();
    void run(dryRun);
  };

  return (
    <div className="page settings stock-import">
      <header className="page__header">
        <div>
          <p className="page__eyebrow">{t('settings:Page.section')}</p>
          <h1>{t('catalog:Import.title')}</h1>
          <p className="page__subtitle muted">{t('catalog:Import.subtitle')}</p>
        </div>
      </header>
      <SettingsTabs />
      <form className="card stock-import__form" onSubmit={(e) => submit(e, false)} noValidate>
        <TextField
          label={t('catalog:Import.file')}
          hint={t('catalog:Import.fileHint')}
          error={fileError}
          type="file"
          accept=".csv,text/csv,text/plain"
          disabled={busy}
          onChange={(e) => {
            setFile(e.currentTarget.files?.[0] ?? null);
            setFileError(undefined);
          }}
        />
        <div className="stock-import__actions">
          <button type="button" className="btn" disabled={busy} onClick={(e) => submit(e, true)}>
            {t('catalog:Import.dryRun')}
          </button>
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {busy ? <Spinner /> : null}
            {t('catalog:Import.run')}
          </button>
        </div>
        {phase.kind !== 'idle' ? <ImportProgress phase={phase} /> : null}
        {error ? (
          <Notice tone="error">
            {t('catalog:Import.failed')} {errorText(t, error)}
          </Notice>
        ) : null}
      </form>
      {report ? <ImportReport report={report} /> : null}
      <section className="card stock-import__recent" aria-labelledby="stock-import-recent">
        <h2 id="stock-import-recent">{t('catalog:Import.recent.title')}</h2>
        {recent.state.status === 'loading' ? (
          <Loading label={t('catalog:Import.recent.loading')} />
        ) : recent.state.status === 'error' ? (
          <ErrorState error={recent.state.error} onRetry={recent.reload} />
        ) : recent.state.data.length === 0 ? (
          <EmptyState icon="search" title={t('catalog:Import.recent.empty')} />
        ) : (
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('catalog:Import.recent.file')}</th>
                  <th scope="col">{t('catalog:Import.recent.when')}</th>
                  <th scope="col">{t('catalog:Import.recent.result')}</th>
                </tr>
              </thead>
              <tbody>
                {recent.state.data.map((item) => (
                  <tr key={item.id} aria-current={report?.id === item.id ? 'true' : undefined}>
                    <td>
                      <button type="button" className="btn btn--ghost" aria-label={t('catalog:Import.recent.open', { fileName: item.fileName })} onClick={() => setReport(item)}>
                        {item.fileName}
                      </button>
                      {item.dryRun ? <span className="muted"> · {t('catalog:Import.recent.dryRun')}</span> : null}
                    </td>
                    <td>{formatDateTime(item.createdAt, locale)}</td>
                    <td>
                      {item.status === 'done'
                        ? t('catalog:Import.recent.summary', {
                            applied: formatNumber(item.appliedRows, locale),
                            unchanged: formatNumber(item.unchangedRows, locale),
                            rejected: formatNumber(item.rejectedRows, locale),
                          })
                        : t(`catalog:Import.recent.status.${item.status}`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function ImportProgress({ phase }: { phase: Exclude<Phase, { kind: 'idle' }> }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const label =
    phase.kind === 'uploading'
      ? t('catalog:Import.uploading', { percent: Math.round(phase.share * 100) })
      : t('catalog:Import.processing', { processed: formatNumber(phase.processed, locale), total: formatNumber(phase.total, locale) });
  const [value, max] = phase.kind === 'uploading' ? [phase.share, 1] : [phase.processed, Math.max(phase.total, 1)];
  return (
    <div className="stock-import__progress" role="status">
      <progress aria-label={t('catalog:Import.progressLabel')} value={value} max={max} />
      <span>{label}</span>
    </div>
  );
}
