// Owns the signed-in session and its hub connection outside React, so a connection is opened exactly once
// per session (StrictMode-safe) and closed on sign-out. Components read it with useSyncExternalStore.
import type { i18n } from 'i18next';
import type { Me } from '../../../common/api/auth.ts';
import type { Locale } from '../../../common/domain/enums.ts';
import type { SessionEnded } from '../../../common/realtime/events.ts';
import { HubClient, type HubClientOptions } from './hub.ts';
import { currentLocale, rememberLocale } from './i18n.ts';
import { SESSION_KEY, clearSession, loadSession, saveSession, signOutRequest, type StoredSession } from './session.ts';

/** Why the desk is back on the sign-in screen, shown there once. */
export type SignInNotice = 'expired' | 'signedOutElsewhere' | 'disabled';

export interface SessionSnapshot {
  session: StoredSession | null;
  hub: HubClient | null;
  notice: SignInNotice | null;
}

export interface SessionStoreOptions {
  i18n: i18n;
  storage?: Storage;
  socketFactory?: HubClientOptions['socketFactory'];
  /** Skip reading localStorage (tests). */
  initialSession?: StoredSession | null;
}

const endedNotice: Record<SessionEnded['reason'], SignInNotice> = {
  signed_out: 'signedOutElsewhere',
  expired: 'expired',
  disabled: 'disabled',
};

export class SessionStore {
  private snapshot: SessionSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly storage: Storage | undefined;
  /** The user picked a language on the sign-in screen: it wins over the one stored for the user. */
  private localeChosenSignedOut = false;
  private detach: Array<() => void> = [];
  /** Bumped on every local language switch, so a slower `session.me` answer can't switch it back. */
  private localeVersion = 0;
  /** A language switch the hub has not stored yet (it was down): sent again after reconnecting. */
  private unsentLocale: Locale | null = null;

  constructor(private readonly options: SessionStoreOptions) {
    this.storage = options.storage ?? (typeof localStorage !== 'undefined' ? localStorage : undefined);
    const session =
      options.initialSession !== undefined ? options.initialSession : this.storage ? loadSession(this.storage) : null;
    this.snapshot = { session, hub: null, notice: null };
    if (session) this.snapshot = { ...this.snapshot, hub: this.connect(session) };
    if (typeof window !== 'undefined') window.addEventListener('storage', this.onStorage);
  }

  getSnapshot = (): SessionSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  signIn(session: StoredSession): void {
    this.teardown();
    if (this.storage) saveSession(session, this.storage);
    const chosen = this.localeChosenSignedOut ? currentLocale(this.options.i18n) : null;
    this.localeChosenSignedOut = false;
    const hub = this.connect(session);
    this.set({ session, hub, notice: null });
    if (chosen && chosen !== session.user.locale) {
      this.localeVersion++;
      void this.pushLocale(chosen);
    }
    else void this.options.i18n.changeLanguage(session.user.locale);
    if (!chosen) rememberLocale(session.user.locale);
  }

  /** Forget the session here; `tellHub` also ends it on the hub (the sign-out button). */
  signOut(notice: SignInNotice | null = null, tellHub = false): void {
    const token = this.snapshot.session?.token;
    this.teardown();
    if (this.storage) clearSession(this.storage);
    this.set({ session: null, hub: null, notice });
    if (tellHub && token) void signOutRequest(token);
  }

  dismissNotice(): void {
    if (this.snapshot.notice) this.set({ ...this.snapshot, notice: null });
  }

  updateUser(user: Me): void {
    const session = this.snapshot.session;
    if (!session) return;
    const next = { ...session, user };
    if (this.storage) saveSession(next, this.storage);
    this.set({ ...this.snapshot, session: next });
  }

  /** The language switch: this desk now, remembered here, and stored for the user on the hub. */
  async setLocale(locale: Locale): Promise<void> {
    this.localeVersion++;
    await this.options.i18n.changeLanguage(locale);
    rememberLocale(locale);
    if (!this.snapshot.session) {
      this.localeChosenSignedOut = true;
      return;
    }
    await this.pushLocale(locale);
  }

  dispose(): void {
    this.teardown();
    if (typeof window !== 'undefined') window.removeEventListener('storage', this.onStorage);
  }

  private async pushLocale(locale: Locale) {
    const hub = this.snapshot.hub;
    if (!hub) return;
    this.unsentLocale = locale;
    const result = await hub.call('session.setLocale', { locale });
    if (this.snapshot.hub !== hub) return;
    if (result.ok) {
      if (this.unsentLocale === locale) this.unsentLocale = null;
      this.updateUser(result.data);
    }
  }

  private connect(session: StoredSession): HubClient {
    const hub = new HubClient({
      token: session.token,
      socketFactory: this.options.socketFactory,
      onUnauthenticated: () => {
        if (this.snapshot.hub === hub) this.signOut('expired');
      },
    });
    const refreshMe = async () => {
      if (this.unsentLocale) {
        void this.pushLocale(this.unsentLocale);
        return;
      }
      const version = this.localeVersion;
      const result = await hub.call('session.me', {});
      if (!result.ok || this.snapshot.hub !== hub) return;
      if (version !== this.localeVersion) {
        // The user switched language meanwhile; that choice is on its way to the hub.
        const session = this.snapshot.session;
        if (session) this.updateUser({ ...result.data, locale: session.user.locale });
        return;
      }
      this.updateUser(result.data);
      // The language follows the user from desk to desk.
      if (result.data.locale !== currentLocale(this.options.i18n)) {
        void this.options.i18n.changeLanguage(result.data.locale);
        rememberLocale(result.data.locale);
      }
    };
    this.detach = [
      hub.on('session.ended', (event) => {
        if (this.snapshot.hub === hub) this.signOut(endedNotice[event.reason] ?? 'expired');
      }),
      hub.onReconnect(() => void refreshMe()),
      () => hub.close(),
    ];
    hub.socket.once('connect', () => void refreshMe());
    return hub;
  }

  private teardown() {
    for (const undo of this.detach) undo();
    this.detach = [];
  }

  private set(next: SessionSnapshot) {
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }

  /** Another tab of this desk signed in or out. */
  private onStorage = (event: StorageEvent) => {
    if (event.key !== SESSION_KEY || !this.storage) return;
    const stored = loadSession(this.storage);
    if (!stored && this.snapshot.session) {
      this.teardown();
      this.set({ session: null, hub: null, notice: null });
    } else if (stored && stored.token !== this.snapshot.session?.token) {
      this.teardown();
      this.set({ session: stored, hub: this.connect(stored), notice: null });
      void this.options.i18n.changeLanguage(stored.user.locale);
    }
  };
}
