import { describe, expect, it } from 'vitest';
import { dateInput, periodOf } from './period.ts';

describe('periodOf', () => {
  it('spans whole local days, the last one included', () => {
    const { from, to } = periodOf('2026-11-01', '2026-11-30');
    expect(new Date(from).getTime()).toBe(new Date(2026, 10, 1).getTime());
    expect(new Date(to).getTime()).toBe(new Date(2026, 11, 1).getTime());
    expect(dateInput(new Date(2026, 10, 30, 23, 59))).toBe('2026-11-30');
  });

  it('passes a cleared date through for the hub to refuse instead of throwing', () => {
    expect(periodOf('', '2026-11-30').from).toBe('');
  });
});
