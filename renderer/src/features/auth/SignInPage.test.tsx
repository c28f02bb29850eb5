// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../../app/context.tsx';
import { createI18n } from '../../app/i18n.ts';
import { SessionStore } from '../../app/sessionStore.ts';
import { SignInPage } from './SignInPage.tsx';

const respond = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } })));

const setup = () => {
  const i18n = createI18n('en');
  const store = new SessionStore({ i18n, initialSession: null });
  render(
    <I18nextProvider i18n={i18n}>
      <SessionProvider store={store}>
        <MemoryRouter>
          <SignInPage />
        </MemoryRouter>
      </SessionProvider>
    </I18nextProvider>,
  );
  fireEvent.change(screen.getByLabelText(/^Email/), { target: { value: 'agent@demo.local' } });
  fireEvent.change(screen.getByLabelText(/^Password/), { target: { value: 'wrong-password' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  return store;
};

describe('SignInPage', () => {
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('shows one generic message for a wrong email or password', async () => {
    respond(401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'wrong email or password' } });
    setup();
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong email or password.');
  });

  it('shows the rate limit, with the wait when the hub gives one', async () => {
    respond(429, { ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } }, { 'Retry-After': '42' });
    setup();
    expect((await screen.findByRole('alert')).textContent).toBe('Too many sign-in attempts. Try again in 42 seconds.');
  });

  it('puts field errors beside the inputs', async () => {
    respond(400, { ok: false, error: { code: 'BAD_REQUEST', message: 'bad', fields: [{ path: 'password', message: 'Too big' }] } });
    setup();
    await screen.findByText('Too long');
    expect(screen.getByLabelText(/^Password/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText(/^Email/).getAttribute('aria-invalid')).toBeNull();
  });

  it('keeps the session (token and user) on success', async () => {
    const user = { id: 'u', email: 'agent@demo.local', displayName: 'A', role: 'agent', locale: 'ru', teamId: null, storeId: null, storeName: null, permissions: [] };
    respond(200, { ok: true, data: { token: 'tok', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), user } });
    const store = setup();
    await vi.waitFor(() => expect(store.getSnapshot().session?.token).toBe('tok'));
    expect(JSON.parse(localStorage.getItem('threadline.session')!).user.email).toBe('agent@demo.local');
    store.dispose();
  });
});
