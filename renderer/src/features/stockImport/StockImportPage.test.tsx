// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StockImportReport } from '../../../../common/api/catalog.ts';
import { FakeSocket, renderWithHub } from '../../test/fakeHub.tsx';
import { StockImportPage } from './StockImportPage.tsx';

const report = (overrides: Partial<StockImportReport> = {}): StockImportReport => ({
  id: 'imp-2',
  fileName: 'stock.csv',
  dryRun: false,
  status: 'done',
  encoding: 'windows-1251',
  totalRows: 1500,
  appliedRows: 1200,
  unchangedRows: 297,
  rejectedRows: 3,
  rejections: [
    { line: 4, reason: 'invalid_value', column: 'on_hand', message: 'on_hand «-5»: not a whole non-negative number' },
    { line: 9, reason: 'unknown_store', column: 'store', message: 'No store with the code «XXX»' },
    { line: 12, reason: 'duplicate_row', column: null, message: 'The same store and SKU as line 2' },
  ],
  sameAsImportId: null,
  createdAt: '2026-11-23T10:00:00.000Z',
  finishedAt: '2026-11-23T10:00:05.000Z',
  ...overrides,
});

/** The one XMLHttpRequest the page makes, driven by the test. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
    FakeXhr.last = this;
  }
  answer(body: unknown) {
    this.status = 200;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

const older = report({ id: 'imp-1', fileName: 'остатки-пн.csv', dryRun: true, appliedRows: 10, unchangedRows: 0, rejectedRows: 0, rejections: [] });

beforeEach(() => {
  FakeXhr.last = null;
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const setup = (imports: StockImportReport[] = [older]) => {
  const socket = new FakeSocket({ 'stock.imports': () => ({ ok: true, data: imports }) });
  return renderWithHub(<StockImportPage />, { socket, role: 'supervisor', path: '/settings/stock' });
};

const chooseFile = () => {
  const file = new File(['store;sku;on_hand\nMSK-01;5001;3\n'], 'stock.csv', { type: 'text/csv' });
  fireEvent.change(screen.getByLabelText('Stock file (CSV)'), { target: { files: [file] } });
  return file;
};

describe('StockImportPage', () => {
  it('lists the recent imports and opens the report of one', async () => {
    setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Open the report of остатки-пн.csv' }));
    const opened = screen.getByRole('region', { name: 'Report: остатки-пн.csv' });
    expect(within(opened).getByText('Dry run: nothing was changed. This is what an import would do.')).toBeTruthy();
    expect(within(opened).getByText('Would change')).toBeTruthy();
  });

  it('says so when nothing was imported yet', async () => {
    setup([]);
    expect(await screen.findByText('No stock files have been imported yet.')).toBeTruthy();
  });

  it('asks for a file before uploading', async () => {
    setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Import' }));
    expect(screen.getByText('Choose a file first.')).toBeTruthy();
    expect(FakeXhr.last).toBeNull();
  });

  it('uploads with the session token, shows upload then processing progress, and then the report', async () => {
    const { socket } = setup();
    const file = chooseFile();
    fireEvent.click(screen.getByRole('button', { name: 'Check without applying' }));
    const xhr = FakeXhr.last!;
    expect(xhr.url).toBe('/api/stock/import?fileName=stock.csv&dryRun=true');
    expect(xhr.headers.Authorization).toBe('Bearer t');
    expect(xhr.body).toBe(file);

    xhr.upload.onprogress!({ lengthComputable: true, loaded: 50, total: 100 });
    expect(await screen.findByText('Uploading 50%')).toBeTruthy();
    expect((screen.getByRole('progressbar', { name: 'Import progress' }) as HTMLProgressElement).value).toBe(0.5);
    socket.fire('stock.importProgress', { importId: 'imp-2', processedRows: 500, totalRows: 1500 });
    expect(await screen.findByText('Processing lines: 500 of 1,500')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import' })).toHaveProperty('disabled', true);

    xhr.answer({ ok: true, data: report() });
    const shown = await screen.findByRole('region', { name: 'Report: stock.csv' });
    const rows = within(shown).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['4', 'on_hand', 'Invalid value: not a whole number from 0 to 1,000,000, or empty'],
      ['9', 'store', 'No store with this code'],
      ['12', '—', 'The same store and SKU appear on an earlier line'],
    ]);
    expect(within(shown).getByText('1,200')).toBeTruthy();
    expect(within(shown).getByText('Encoding: windows-1251')).toBeTruthy();
    await waitFor(() => expect(socket.calls.filter((c) => c.name === 'stock.imports').length).toBeGreaterThan(1));
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('explains a refused header and a failed upload', async () => {
    setup();
    chooseFile();
    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    FakeXhr.last!.answer({
      ok: true,
      data: report({ status: 'failed', appliedRows: 0, unchangedRows: 0, rejectedRows: 2, totalRows: 2, rejections: [{ line: 1, reason: 'wrong_columns', column: null, message: 'x' }] }),
    });
    expect(await screen.findByText('The file was not imported: its header must have exactly the columns store, sku, on_hand.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Import' }));
    FakeXhr.last!.answer({ ok: false, error: { code: 'FORBIDDEN', message: 'Your role does not allow importing stock' } });
    expect(await screen.findByText(/The import could not be run\./)).toBeTruthy();
  });
});
