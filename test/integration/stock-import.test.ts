// Stock from the ERP/POS on a real hub: CSV files uploaded by the desk (every kind of bad line, encodings,
// delimiters, dry runs, re-imports, a large file, the body limit) and incremental updates through the
// inbound API (scopes, per-update results, Idempotency-Key), all audited and pushed live.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StockChanged, StockImportProgress, StockImportReport, StockUpdateResult } from '../../common/api/catalog.ts';
import type { Result } from '../../common/result.ts';
import { createApiKey } from '../../main/server/services/apiKeys/apiKeys.ts';
import { manualClock } from './fixtures/db.ts';
import { call, data, startTestHub, type DeskSocket, type TestHub } from './fixtures/hub.ts';
import { buildWorld, USERS } from './fixtures/world.ts';

const clock = manualClock(new Date('2026-11-23T10:00:00Z'));
let t: TestHub;
let world: Awaited<ReturnType<typeof buildWorld>>;
let supervisorToken: string;
let agentToken: string;
let supervisor: DeskSocket;
let agent: DeskSocket;
const progress: StockImportProgress[] = [];
const pushed: StockChanged[] = [];
const products: Record<string, string> = {};
const keys = { stock: '', messagesOnly: '' };

/** SKUs 8000000… for the bulk products; two named ones the assertions use. */
const BULK = 2000;
const bulkSku = (i: number) => String(8_000_000 + i);

beforeAll(async () => {
  t = await startTestHub({}, { clock });
  const { db } = t.hub;
  world = await buildWorld(db);
  await db.product.createMany({
    data: Array.from({ length: BULK }, (_, i) => ({ sku: bulkSku(i), barcode: null, name: `Товар ${i}`, brand: 'Test', category: 'accessory', priceKopecks: 100_00 })),
  });
  for (const [sku, name] of [
    ['A-100', 'Кабель USB-C'],
    ['ТВ-55', 'Телевизор 55"'],
  ] as const) {
    products[sku] = (await db.product.create({ data: { sku, name, brand: 'Test', category: 'accessory', priceKopecks: 990_00 } })).id;
  }
  supervisorToken = (await t.signIn(USERS.supervisor)).token;
  agentToken = (await t.signIn(USERS.agent)).token;
  supervisor = await t.connect(supervisorToken);
  agent = await t.connect(agentToken);
  supervisor.on('stock.importProgress', (p) => progress.push(p));
  agent.on('stock.changed', (changes) => pushed.push(...changes));
  const adminViewer = { userId: world.users.admin!, role: 'admin' as const, storeId: null, sessionId: 'test', ip: null };
  keys.stock = (await createApiKey(db, adminViewer, { name: 'ERP', scopes: ['stock:write'] })).key;
  keys.messagesOnly = (await createApiKey(db, adminViewer, { name: 'Shop', scopes: ['messages:write'] })).key;
});
afterAll(() => t.stop());

async function upload(
  body: Buffer | string,
  options: { fileName?: string | null; dryRun?: boolean; token?: string | null; contentType?: string } = {},
): Promise<{ status: number; body: Result<StockImportReport> }> {
  const query = new URLSearchParams();
  if (options.fileName !== null) query.set('fileName', options.fileName ?? 'stock.csv');
  if (options.dryRun) query.set('dryRun', 'true');
  const token = options.token === undefined ? supervisorToken : options.token;
  const res = await fetch(`${t.hub.url}/api/stock/import?${query}`, {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, body: await res.json() };
}

const report = (r: { body: Result<StockImportReport> }) => data(r.body);
const levelOf = async (storeId: string, productId: string) =>
  (await t.hub.db.stockLevel.findUnique({ where: { storeId_productId: { storeId, productId } } }))?.onHand ?? null;
const until = async (check: () => boolean, ms = 3000) => {
  for (const start = Date.now(); !check(); ) {
    if (Date.now() - start > ms) throw new Error('timed out waiting for a push');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('POST /api/stock/import', () => {
  let firstId = '';
  const good = '\ufeffSKU;Store;On_Hand\r\nA-100;MSK-01;12\r\n8000000;msk-01;3\r\n8000001;VVO-01;0\r\n';

  it('applies a UTF-8 file with a BOM, «;», CRLF, any column order and case, and pushes the changes', async () => {
    const r = report(await upload(good, { fileName: 'остатки.csv' }));
    expect(r).toMatchObject({ fileName: 'остатки.csv', dryRun: false, status: 'done', encoding: 'utf-8', totalRows: 3, appliedRows: 3, unchangedRows: 0, rejectedRows: 0, rejections: [], sameAsImportId: null });
    firstId = r.id;
    expect(await levelOf(world.stores.msk.id, products['A-100']!)).toBe(12);
    const movements = await t.hub.db.stockMovement.findMany({ where: { importId: r.id } });
    expect(movements).toHaveLength(3);
    expect(movements.find((m) => m.productId === products['A-100'])).toMatchObject({ source: 'import', onHandFrom: 0, onHandTo: 12, byUserId: world.users.supervisor });
    const entry = await t.hub.db.auditEntry.findFirst({ where: { action: 'stock.import', subjectId: r.id } });
    expect(JSON.parse(entry!.details!)).toMatchObject({ fileName: 'остатки.csv', appliedRows: 3, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    await until(() => pushed.some((p) => p.productId === products['A-100']));
    expect(pushed).toContainEqual({ storeId: world.stores.msk.id, productId: products['A-100'], onHand: 12, reserved: 0, available: 12, source: 'import' });
    expect(progress.at(-1)).toEqual({ importId: r.id, processedRows: 3, totalRows: 3 });
  });

  it('recognises a re-import of the same file: every line unchanged, nothing written', async () => {
    const r = report(await upload(good));
    expect(r).toMatchObject({ appliedRows: 0, unchangedRows: 3, rejectedRows: 0, sameAsImportId: firstId });
    expect(await t.hub.db.stockMovement.count({ where: { importId: r.id } })).toBe(0);
  });

  it('reports exactly what a dry run would change and writes nothing', async () => {
    const r = report(await upload('store,sku,on_hand\nMSK-01,A-100,20\nMSK-01,8000000,3\nMSK-01,8000002,1\n', { dryRun: true }));
    expect(r).toMatchObject({ dryRun: true, status: 'done', totalRows: 3, appliedRows: 2, unchangedRows: 1 });
    expect(await levelOf(world.stores.msk.id, products['A-100']!)).toBe(12);
    expect(await levelOf(world.stores.msk.id, await idOf('8000002'))).toBeNull();
    expect(await t.hub.db.stockMovement.count({ where: { importId: r.id } })).toBe(0);
    expect(await t.hub.db.auditEntry.count({ where: { action: 'stock.import_dry_run', subjectId: r.id } })).toBe(1);
  });

  it('rejects each bad line with its number, column and reason, and applies the good ones', async () => {
    const file = [
      'store,sku,on_hand', // 1
      'MSK-01,8000010,5', // 2 ok
      'MSK-01,8000011,-5', // 3 negative
      'MSK-01,8000012,abc', // 4 not a number
      'MSK-01,8000013,1.5', // 5 not whole
      'MSK-01,8000014,', // 6 empty
      'XXX-99,8000015,1', // 7 unknown store
      'MSK-01,9999999,1', // 8 unknown SKU
      'MSK-01,8000010,7', // 9 duplicate of line 2
      'MSK-01,8000016,1,extra', // 10 too many values
      'MSK-01,8000017', // 11 too few
      '', // 12 empty line: skipped
      '"VVO-01","8000018","4"', // 13 quoted: ok
      'MSK-01,8000019,2000000', // 14 beyond the limit
      ',8000020,1', // 15 no store
      'MSK-01,80000"22,1', // 16 not CSV: a quote inside a field
    ].join('\n');
    const r = report(await upload(file));
    expect(r).toMatchObject({ status: 'done', totalRows: 14, appliedRows: 2, unchangedRows: 0, rejectedRows: 12 });
    const byLine = Object.fromEntries(r.rejections.map((x) => [x.line, x]));
    expect(byLine[3]).toMatchObject({ reason: 'invalid_value', column: 'on_hand', message: expect.stringContaining('«-5»') });
    expect(byLine[4]).toMatchObject({ reason: 'invalid_value', column: 'on_hand' });
    expect(byLine[5]).toMatchObject({ reason: 'invalid_value', column: 'on_hand' });
    expect(byLine[6]).toMatchObject({ reason: 'invalid_value', column: 'on_hand' });
    expect(byLine[7]).toMatchObject({ reason: 'unknown_store', column: 'store', message: expect.stringContaining('XXX-99') });
    expect(byLine[8]).toMatchObject({ reason: 'unknown_sku', column: 'sku', message: expect.stringContaining('9999999') });
    expect(byLine[9]).toMatchObject({ reason: 'duplicate_row', message: expect.stringContaining('line 2') });
    expect(byLine[10]).toMatchObject({ reason: 'too_many_columns' });
    expect(byLine[11]).toMatchObject({ reason: 'wrong_columns' });
    expect(byLine[14]).toMatchObject({ reason: 'invalid_value', column: 'on_hand' });
    expect(byLine[15]).toMatchObject({ reason: 'invalid_value', column: 'store' });
    expect(byLine[16]).toMatchObject({ reason: 'invalid_value', column: null, message: expect.stringContaining('Not readable as CSV') });
    expect(await levelOf(world.stores.msk.id, await idOf('8000010'))).toBe(5);
    expect(await levelOf(world.stores.vvo.id, await idOf('8000018'))).toBe(4);
    expect(await levelOf(world.stores.msk.id, await idOf('8000011'))).toBeNull();
  });

  it('refuses a file with the wrong columns whole, applying nothing', async () => {
    const r = report(await upload('store,product,qty\nMSK-01,8000030,5\nMSK-01,8000031,6\n'));
    expect(r).toMatchObject({ status: 'failed', totalRows: 2, appliedRows: 0, rejectedRows: 2 });
    expect(r.rejections).toEqual([{ line: 1, reason: 'wrong_columns', column: null, message: expect.stringMatching(/store, sku, on_hand.*missing sku, on_hand.*unexpected product, qty/) }]);
    expect(await levelOf(world.stores.msk.id, await idOf('8000030'))).toBeNull();
    const empty = report(await upload(''));
    expect(empty).toMatchObject({ status: 'failed', rejections: [{ reason: 'wrong_columns', message: expect.stringContaining('empty') }] });
  });

  it('reads a windows-1251 file (Cyrillic SKUs and messages survive)', async () => {
    const bytes = iconv.encode('store;sku;on_hand\nVVO-01;ТВ-55;9\nМосква;ТВ-55;1\n', 'win1251');
    const r = report(await upload(bytes, { contentType: 'application/octet-stream' }));
    expect(r).toMatchObject({ encoding: 'windows-1251', appliedRows: 1, rejectedRows: 1 });
    expect(r.rejections[0]).toMatchObject({ line: 3, reason: 'unknown_store', message: 'No store with the code «Москва»' });
    expect(await levelOf(world.stores.vvo.id, products['ТВ-55']!)).toBe(9);
  });

  it('imports a 5 MB file: every line counted, the report capped at 1,000 rejections', async () => {
    const lines = ['store,sku,on_hand'];
    for (let i = 0; i < BULK; i++) lines.push(`MSK-01,${bulkSku(i)},${(i % 40) + 1}`, `VVO-01,${bulkSku(i)},${i % 7}`);
    const unknown = 'X'.repeat(50);
    while (lines.join('\n').length < 5 * 1024 * 1024) for (let i = 0; i < 1000; i++) lines.push(`MSK-01,${unknown}${i},1`);
    const started = Date.now();
    const r = report(await upload(lines.join('\n'), { fileName: 'big.csv' }));
    const rejected = lines.length - 1 - 2 * BULK;
    expect(r).toMatchObject({ status: 'done', totalRows: lines.length - 1, rejectedRows: rejected });
    expect(r.appliedRows + r.unchangedRows).toBe(2 * BULK);
    expect(r.rejections).toHaveLength(1000);
    expect(await levelOf(world.stores.msk.id, await idOf(bulkSku(BULK - 1)))).toBe(((BULK - 1) % 40) + 1);
    // Progress went out while it ran, not only at the end.
    await until(() => progress.some((p) => p.importId === r.id && p.processedRows === lines.length - 1));
    expect(progress.filter((p) => p.importId === r.id).length).toBeGreaterThan(1);
    expect(progress.every((p) => p.processedRows <= p.totalRows)).toBe(true);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 60_000);

  it('refuses strangers, roles without stock.import, other content types, a missing name and a body over 64 MB', async () => {
    expect((await upload('store,sku,on_hand\n', { token: null })).status).toBe(401);
    const agentTry = await upload('store,sku,on_hand\n', { token: agentToken });
    expect([agentTry.status, !agentTry.body.ok && agentTry.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await upload('{}', { contentType: 'application/json' })).status).toBe(415);
    const unnamed = await upload('store,sku,on_hand\n', { fileName: null });
    expect(!unnamed.body.ok && unnamed.body.error.fields).toEqual([{ path: 'fileName', message: expect.any(String) }]);
    const huge = await upload(Buffer.alloc(64 * 1024 * 1024 + 1, 0x41));
    expect([huge.status, !huge.body.ok && huge.body.error.fields]).toEqual([413, [{ path: 'file', message: 'too_large' }]]);
  });

  it('lists the latest imports and opens one', async () => {
    const list = data(await call(supervisor, 'stock.imports', {}));
    expect(list.length).toBeGreaterThan(5);
    expect(list[0]!.fileName).toBe('big.csv');
    expect(list.find((i) => i.id === firstId)).toMatchObject({ fileName: 'остатки.csv', appliedRows: 3 });
    expect(data(await call(supervisor, 'stock.importGet', { id: firstId }))).toMatchObject({ id: firstId, totalRows: 3 });
    const missing = await call(supervisor, 'stock.importGet', { id: 'nope' });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });
});

describe('POST /api/v1/stock', () => {
  const post = async (body: unknown, key: string | null, headers: Record<string, string> = {}) => {
    const res = await fetch(`${t.hub.url}/api/v1/stock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, body: await res.json() };
  };

  it('refuses a missing key and a key without the stock:write scope', async () => {
    expect((await post({ updates: [{ store: 'MSK-01', sku: 'A-100', onHand: 1 }] }, null)).status).toBe(401);
    const scoped = await post({ updates: [{ store: 'MSK-01', sku: 'A-100', onHand: 1 }] }, keys.messagesOnly);
    expect([scoped.status, scoped.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('applies absolute counts and deltas, refusing each bad update on its own', async () => {
    const before = await levelOf(world.stores.msk.id, products['A-100']!);
    const res = await post(
      {
        updates: [
          { store: 'MSK-01', sku: 'A-100', delta: -2 },
          { store: 'VVO-01', sku: 'A-100', onHand: 4 },
          { store: 'VVO-01', sku: 'ТВ-55', onHand: 9 },
          { store: 'SPB-77', sku: 'A-100', onHand: 1 },
          { store: 'VVO-01', sku: 'nope', onHand: 1 },
          { store: 'MSK-01', sku: 'ТВ-55', delta: -1 },
        ],
      },
      keys.stock,
    );
    expect(res.status).toBe(200);
    const body = res.body as StockUpdateResult;
    expect(body.applied).toBe(2);
    expect(body.results.map((r) => [r.status, r.onHand])).toEqual([
      ['applied', before! - 2],
      ['applied', 4],
      ['unchanged', 9],
      ['unknown_store', null],
      ['unknown_sku', null],
      ['negative', 0],
    ]);
    expect(await levelOf(world.stores.vvo.id, products['A-100']!)).toBe(4);
    const movement = await t.hub.db.stockMovement.findFirst({ where: { source: 'api', storeId: world.stores.vvo.id, productId: products['A-100'] } });
    expect(movement).toMatchObject({ onHandFrom: 0, onHandTo: 4, apiKeyId: expect.any(String) });
    expect(await t.hub.db.auditEntry.count({ where: { action: 'stock.api_update' } })).toBe(1);
    await until(() => pushed.some((p) => p.source === 'api'));
  });

  it('applies a delta once however often it is retried with the same Idempotency-Key', async () => {
    const before = (await levelOf(world.stores.msk.id, products['A-100']!))!;
    const body = { updates: [{ store: 'MSK-01', sku: 'A-100', delta: 5 }] };
    const first = await post(body, keys.stock, { 'idempotency-key': 'erp-batch-1' });
    const again = await post(body, keys.stock, { 'idempotency-key': 'erp-batch-1' });
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await levelOf(world.stores.msk.id, products['A-100']!)).toBe(before + 5);
    const reused = await post({ updates: [{ store: 'MSK-01', sku: 'A-100', delta: 1 }] }, keys.stock, { 'idempotency-key': 'erp-batch-1' });
    expect(reused.status).toBe(422);
  });

  it('validates the body and refuses two updates of one count in a request', async () => {
    const bad = await post({ updates: [{ store: 'MSK-01', sku: 'A-100', onHand: -1 }] }, keys.stock);
    expect([bad.status, bad.body.error.fields[0].path]).toEqual([400, 'updates.0.onHand']);
    const twice = await post({ updates: [{ store: 'MSK-01', sku: 'A-100', delta: 1 }, { store: 'msk-01', sku: 'A-100', delta: 1 }] }, keys.stock);
    expect([twice.status, twice.body.error.fields]).toEqual([400, [{ path: 'updates.1', message: 'same store and sku as updates.0' }]]);
  });
});

async function idOf(sku: string): Promise<string> {
  return (await t.hub.db.product.findUniqueOrThrow({ where: { sku }, select: { id: true } })).id;
}
