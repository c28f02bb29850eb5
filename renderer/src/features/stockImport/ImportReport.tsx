// One import's report: the counts, and the rejected lines with their number, column and reason.
import type { StockImportReport } from '../../../../common/api/catalog.ts';
import { currentLocale, useT } from '../../app/i18n.ts';
import { formatNumber } from '../../ui/format.ts';
import { Notice } from '../../ui/States.tsx';

export function ImportReport({ report }: { report: StockImportReport }) {
  const { t, i18n } = useT();
  const locale = currentLocale(i18n);
  const n = (value: number) => formatNumber(value, locale);
  const headerRefused = report.status === 'failed' && report.rejections[0]?.reason === 'wrong_columns' && report.rejections[0].line === 1;
  const counts = [
    [t('catalog:Import.report.total'), report.totalRows],
    [report.dryRun ? t('catalog:Import.report.appliedDryRun') : t('catalog:Import.report.applied'), report.appliedRows],
    [t('catalog:Import.report.unchanged'), report.unchangedRows],
    [t('catalog:Import.report.rejected'), report.rejectedRows],
  ] as const;
  const titleId = `import-report-${report.id}`;
  return (
    <section className="card stock-import__report" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('catalog:Import.report.title', { fileName: report.fileName })}</h2>
      {headerRefused ? (
        <Notice tone="error">{t('catalog:Import.report.failedHeader')}</Notice>
      ) : report.status === 'failed' ? (
        <Notice tone="error">{t('catalog:Import.report.failed')}</Notice>
      ) : null}
      {report.dryRun && report.status === 'done' ? <Notice tone="info">{t('catalog:Import.report.dryRunNote')}</Notice> : null}
      {report.sameAsImportId && !report.dryRun ? <Notice tone="info">{t('catalog:Import.report.sameAs')}</Notice> : null}
      <dl className="stock-import__counts">
        {counts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{n(value)}</dd>
          </div>
        ))}
      </dl>
      {report.encoding ? <p className="muted">{t('catalog:Import.report.encoding', { encoding: report.encoding })}</p> : null}
      {report.rejections.length > 0 && !headerRefused ? (
        <>
          <h3>{t('catalog:Import.report.rejections')}</h3>
          {report.rejectedRows > report.rejections.length ? (
            <p className="muted">{t('catalog:Import.report.rejectionsCapped', { shown: n(report.rejections.length), total: n(report.rejectedRows) })}</p>
          ) : null}
          <div className="table-scroll stock-import__rejections">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('catalog:Import.report.line')}</th>
                  <th scope="col">{t('catalog:Import.report.column')}</th>
                  <th scope="col">{t('catalog:Import.report.reasonHeader')}</th>
                </tr>
              </thead>
              <tbody>
                {report.rejections.map((r) => (
                  <tr key={`${r.line}-${r.reason}`}>
                    <td>{r.line}</td>
                    <td>{r.column ?? t('catalog:Import.report.noColumn')}</td>
                    <td>{t(`catalog:Import.report.reason.${r.reason}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
