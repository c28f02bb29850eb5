// Sends a stock file to the hub as the raw request body. XMLHttpRequest rather than fetch: only it reports
// upload progress, and a 50 MB file over a slow link needs a progress bar. The hub answers with the import's
// report once every line is processed; its own progress arrives meanwhile as stock.importProgress pushes.
import { StockImportReport } from '../../../../common/api/catalog.ts';
import type { Result } from '../../../../common/result.ts';
import { HUB_BAD_ANSWER, HUB_UNREACHABLE } from '../../app/hub.ts';

/** The hub's limit on the body of the import route. */
export const STOCK_FILE_MAX_BYTES = 64 * 1024 * 1024;

export interface UploadOptions {
  token: string;
  dryRun: boolean;
  /** Bytes sent so far, as a share of the file (0…1). */
  onUploadProgress?(share: number): void;
}

export function uploadStockFile(file: File, options: UploadOptions): Promise<Result<StockImportReport>> {
  return new Promise((resolve) => {
    const query = new URLSearchParams({ fileName: file.name, dryRun: String(options.dryRun) });
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/stock/import?${query}`);
    xhr.setRequestHeader('Authorization', `Bearer ${options.token}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onUploadProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () => resolve({ ok: false, error: { code: 'INTERNAL', message: HUB_UNREACHABLE } });
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        return resolve({ ok: false, error: { code: 'INTERNAL', message: HUB_BAD_ANSWER } });
      }
      const answer = body as Result<unknown>;
      if (answer?.ok === true) {
        const report = StockImportReport.safeParse(answer.data);
        return resolve(report.success ? { ok: true, data: report.data } : { ok: false, error: { code: 'INTERNAL', message: HUB_BAD_ANSWER } });
      }
      resolve(answer?.ok === false && answer.error ? { ok: false, error: answer.error } : { ok: false, error: { code: 'INTERNAL', message: HUB_BAD_ANSWER } });
    };
    xhr.send(file);
  });
}
