import { describe, expect, it } from 'vitest';
import { cityCentre, distanceKm } from './geo.ts';

describe('cityCentre', () => {
  it('finds a city whatever its case, ё and «г.» prefix', () => {
    expect(cityCentre('Москва')).toMatchObject({ name: 'Москва', latitude: 55.7558 });
    expect(cityCentre('  г. САНКТ-ПЕТЕРБУРГ ')?.name).toBe('Санкт-Петербург');
    expect(cityCentre('ростов - на - дону')?.name).toBe('Ростов-на-Дону');
    expect(cityCentre('Петропавловск-Камчатский')?.name).toBe('Петропавловск-Камчатский');
  });

  it('covers every city the demo retailer has customers in', () => {
    for (const name of ['Пермь', 'Уфа', 'Калининград', 'Якутск', 'Барнаул', 'Хабаровск']) expect(cityCentre(name)?.name).toBe(name);
  });

  it('knows nothing of unknown or missing cities', () => {
    expect(cityCentre('Урюпинск')).toBeNull();
    expect(cityCentre(null)).toBeNull();
    expect(cityCentre('')).toBeNull();
  });
});

describe('distanceKm', () => {
  it('measures great-circle distances between real cities', () => {
    const msk = cityCentre('Москва')!;
    // Published great-circle distances: Moscow–St Petersburg ≈ 634 km, Moscow–Vladivostok ≈ 6,430 km.
    expect(distanceKm(msk, cityCentre('Санкт-Петербург')!)).toBeCloseTo(634, -1);
    expect(distanceKm(msk, cityCentre('Владивосток')!)).toBeGreaterThan(6380);
    expect(distanceKm(msk, cityCentre('Владивосток')!)).toBeLessThan(6480);
  });

  it('is zero for the same point and symmetric', () => {
    const kzn = cityCentre('Казань')!;
    const nnv = cityCentre('Нижний Новгород')!;
    expect(distanceKm(kzn, kzn)).toBe(0);
    expect(distanceKm(kzn, nnv)).toBeCloseTo(distanceKm(nnv, kzn), 9);
  });
});
