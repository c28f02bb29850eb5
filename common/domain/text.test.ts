import { describe, expect, it } from 'vitest';
import { customerSearchName, foldForSearch, fullName } from './text.ts';

describe('search folding', () => {
  it('folds case, ё and spacing so «Пётр» and «петр» meet', () => {
    expect(foldForSearch('  ПЁТР   Фёдоров ')).toBe('петр федоров');
    expect(customerSearchName({ firstName: 'Алёна', lastName: 'Фёдорова', middleName: 'Игоревна' })).toBe('федорова алена игоревна');
  });

  it('writes full names in the Russian order', () => {
    expect(fullName({ firstName: 'Анна', lastName: 'Иванова', middleName: null })).toBe('Иванова Анна');
  });
});
