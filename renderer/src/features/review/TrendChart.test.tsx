// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithHub } from '../../test/fakeHub.tsx';
import { TrendChart } from './TrendsPanel.tsx';

describe('TrendChart', () => {
  afterEach(cleanup);

  it('offers the same numbers as a table', () => {
    renderWithHub(
      <TrendChart
        title="Average total by agent, per week"
        weeks={['2026-11-16', '2026-11-23']}
        series={[
          { key: 'a', label: 'Мария Соколова', points: [{ week: '2026-11-16', average: 82.5, count: 2 }, { week: '2026-11-23', average: 90, count: 1 }] },
          { key: 'b', label: 'Дмитрий Волков', points: [{ week: '2026-11-23', average: 70, count: 3 }] },
        ]}
      />,
    );
    expect(screen.getByRole('figure', { name: /Line chart: Average total by agent/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show as table' }));
    const table = screen.getByRole('table', { name: 'Average total by agent, per week: average total and number of reviews' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((row) => within(row).queryAllByRole('cell').map((cell) => cell.textContent))).toEqual([[], ['82.5 (2)', '—'], ['90 (1)', '70 (3)']]);
    expect(screen.getByRole('button', { name: 'Show as chart' }).getAttribute('aria-pressed')).toBe('true');
  });
});
