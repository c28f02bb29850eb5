// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoyaltySettings } from '../../../../common/api/loyalty.ts';
import { defaultLoyaltySettings } from '../../../../common/domain/loyalty.ts';
import { FakeSocket, renderWithHub, type Handler } from '../../test/fakeHub.tsx';
import { LoyaltySettingsPage } from './LoyaltySettingsPage.tsx';
import { draftFromSettings, settingsFromDraft } from './settingsForm.ts';

const setup = (save: Handler) => {
  const socket = new FakeSocket({ 'settings.loyalty.get': () => ({ ok: true, data: defaultLoyaltySettings }), 'settings.loyalty.save': save });
  return renderWithHub(<LoyaltySettingsPage />, { socket, role: 'supervisor', path: '/settings/loyalty' });
};
const errorOf = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;
const saves = (socket: FakeSocket) => socket.calls.filter((c) => c.name === 'settings.loyalty.save').map((c) => c.payload as LoyaltySettings);

describe('loyalty settings form model', () => {
  it('shows roubles and percent, and sends kopecks and shares back unchanged', () => {
    const draft = draftFromSettings(defaultLoyaltySettings);
    expect(draft.tiers.platinum).toEqual({ minRoubles: '300000', ratePercent: '7' });
    expect(draft.goodwill).toEqual({ agent: '500', store_staff: '0', supervisor: '5000', marketer: '0', admin: '5000' });
    expect(settingsFromDraft(draft)).toEqual({ ...defaultLoyaltySettings, goodwillDailyLimit: { agent: 500, store_staff: 0, supervisor: 5000, marketer: 0, admin: 5000 } });
  });

  it('turns a blank number into NaN so it is refused, not saved as zero', () => {
    const draft = draftFromSettings(defaultLoyaltySettings);
    const settings = settingsFromDraft({ ...draft, lifetimeDays: ' ', tiers: { ...draft.tiers, gold: { minRoubles: '', ratePercent: '5,5' } } });
    expect(settings.pointsLifetimeDays).toBeNaN();
    expect(settings.tiers[2]).toEqual({ tier: 'gold', minSpentKopecks: Number.NaN, accrualRate: 0.055 });
  });
});

describe('LoyaltySettingsPage', () => {
  afterEach(cleanup);

  it('loads the rules into labelled inputs and saves the edited ones', async () => {
    const { socket } = setup((payload) => ({ ok: true, data: payload as LoyaltySettings }));
    const goldRate = (await screen.findByLabelText(/^Gold: accrual, %/)) as HTMLInputElement;
    expect(goldRate.value).toBe('5');
    fireEvent.change(goldRate, { target: { value: '6' } });
    fireEvent.change(screen.getByLabelText(/^Agent/), { target: { value: '300' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved. New accruals and grants follow these rules.')).toBeTruthy();
    const [sent] = saves(socket);
    expect(sent!.tiers[2]).toEqual({ tier: 'gold', minSpentKopecks: 150_000_00, accrualRate: 0.06 });
    expect(sent!.goodwillDailyLimit.agent).toBe(300);
  });

  it('refuses thresholds that do not grow before asking the hub, beside the right input', async () => {
    const { socket } = setup((payload) => ({ ok: true, data: payload as LoyaltySettings }));
    fireEvent.change(await screen.findByLabelText(/^Gold: from, ₽/), { target: { value: '1000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(errorOf(screen.getByLabelText(/^Gold: from, ₽/))).toBe('Must be more than the tier below.');
    expect(saves(socket)).toEqual([]);
  });

  it("puts the hub's field errors beside the inputs they name", async () => {
    setup(() => ({ ok: false, error: { code: 'BAD_REQUEST', message: 'Invalid payload', fields: [{ path: 'pointsLifetimeDays', message: 'Too big' }, { path: 'goodwillDailyLimit.admin', message: 'Too big' }] } }));
    await screen.findByLabelText(/^Accrued points live, days/);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errorOf(screen.getByLabelText(/^Accrued points live, days/))).toBe('Enter a whole number of days from 1 to 3,650.'));
    expect(errorOf(screen.getByLabelText(/^Administrator/))).toBe('Enter a whole number of points, 0 or more.');
  });
});
