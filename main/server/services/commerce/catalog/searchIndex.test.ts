import { describe, expect, it } from 'vitest';
import { boundedDistance, CatalogIndex, type IndexedProduct } from './searchIndex.ts';

const product = (id: string, name: string, brand: string, sku: string, barcode: string | null = null): IndexedProduct => ({ id, sku, barcode, name, brand, category: 'accessory', priceKopecks: 100 });

const index = new CatalogIndex([
  product('card', 'Карта памяти SanDisk Ultra microSDXC 128 ГБ', 'SanDisk', '5000001', '4600000000017'),
  product('gpu', 'Видеокарта Palit NVIDIA GeForce RTX 4060 Dual 8 ГБ', 'Palit', '5000002'),
  product('gpu2', 'Видеокарта Sapphire AMD Radeon RX 7600 PULSE 8 ГБ', 'Sapphire', '5000003'),
  product('laptop', 'Ноутбук Lenovo IdeaPad Slim 3 15.6" 16 ГБ', 'Lenovo', '5000004'),
  product('hedgehog', 'Ёлочная гирлянда Xiaomi', 'Xiaomi', '5000005'),
]);
const ids = (q: string) => index.search(q, 10).hits.map((h) => h.product.id);

describe('boundedDistance', () => {
  it('counts a wrong, missing, extra or swapped letter as one edit', () => {
    expect(boundedDistance('видиокарта', 'видеокарта', 2)).toEqual({ edits: 1, whole: true });
    expect(boundedDistance('samsnug', 'samsung', 2)).toEqual({ edits: 1, whole: true });
    expect(boundedDistance('videa', 'nvidia', 2)).toEqual({ edits: 2, whole: true });
  });

  it('measures against the beginning of a longer word, and gives up past the limit', () => {
    expect(boundedDistance('ноутбк', 'ноутбук', 1)).toEqual({ edits: 1, whole: true });
    expect(boundedDistance('видеокр', 'видеокарта', 1)).toEqual({ edits: 1, whole: false });
    expect(boundedDistance('abcdef', 'uvwxyz', 2)).toBeNull();
  });
});

describe('CatalogIndex', () => {
  it('ranks a whole word above a word it begins above a word it sits inside', () => {
    const found = ids('карта');
    expect(found[0]).toBe('card');
    expect(found.slice(1).sort()).toEqual(['gpu', 'gpu2']);
    expect(index.search('карта', 10).hits.map((h) => h.match)).toEqual(['exact', 'exact', 'exact']);
    expect(ids('видео').sort()).toEqual(['gpu', 'gpu2']);
  });

  it('puts the exact SKU or barcode first', () => {
    expect(ids('5000003')[0]).toBe('gpu2');
    expect(ids('4600000000017')).toEqual(['card']);
  });

  it('requires every word and folds case and ё', () => {
    expect(ids('RTX DUAL')).toEqual(['gpu']);
    expect(ids('елочная')).toEqual(['hedgehog']);
    expect(ids('rtx radeon')).toEqual([]);
  });

  it('switches the layout per word and says how it understood the query', () => {
    expect(index.search('зфдше 4060', 10)).toMatchObject({ understoodAs: 'palit 4060', hits: [{ match: 'layout', product: { id: 'gpu' } }] });
    expect(index.search('мшвуф', 10)).toMatchObject({ understoodAs: 'videa', hits: [{ match: 'fuzzy', product: { id: 'gpu' } }] });
  });

  it('forgives typos only where nothing matches as typed, and never in article numbers', () => {
    expect(index.search('ноутбк', 10).hits.map((h) => [h.product.id, h.match])).toEqual([['laptop', 'fuzzy']]);
    expect(ids('5000009')).toEqual([]);
    expect(ids('xyz')).toEqual([]);
  });
});
