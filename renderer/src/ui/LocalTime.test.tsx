// @vitest-environment jsdom
import { act, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../app/i18n.ts';
import { LocalTime, isNight } from './LocalTime.tsx';

const renderAt = (iso: string, timeZone: string, lng: 'ru' | 'en' = 'en') => {
  vi.useFakeTimers({ now: new Date(iso), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  return render(
    <I18nextProvider i18n={createI18n(lng)}>
      <LocalTime timeZone={timeZone} />
    </I18nextProvider>,
  );
};

describe('LocalTime', () => {
  afterEach(() => vi.useRealTimers());

  it("shows the customer's local time in their zone and moves on at the next minute", () => {
    renderAt('2025-03-10T08:59:30Z', 'Asia/Vladivostok');
    expect(screen.getByText('18:59')).toBeTruthy();
    expect(screen.getByText('UTC+10')).toBeTruthy();
    expect(screen.getByLabelText('Local time 18:59, UTC+10')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(31_000);
    });
    expect(screen.getByText('19:00')).toBeTruthy();
  });

  it('marks night hours (before 9:00, from 21:00) in the local zone', () => {
    renderAt('2025-03-10T11:30:00Z', 'Asia/Vladivostok', 'ru'); // 21:30 in Vladivostok
    expect(screen.getByText('21:30')).toBeTruthy();
    expect(screen.getByText('ночь')).toBeTruthy();
  });

  it('isNight uses the zone, not the machine clock', () => {
    const at = new Date('2025-03-10T06:00:00Z');
    expect(isNight(at, 'Europe/Moscow')).toBe(false); // 09:00
    expect(isNight(at, 'Europe/Kaliningrad')).toBe(true); // 08:00
    expect(isNight(at, 'Asia/Kamchatka')).toBe(false); // 18:00
  });
});
