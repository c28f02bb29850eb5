// New messages in my conversations: a desktop notification (browser Notification API; permission is asked
// from a button, never on load), an optional beep made with WebAudio (no sound file), and the unread badge
// of the Inbox nav item (from the counts of the Mine view).
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { SequencedEvent } from '../../../common/realtime/events.ts';
import { Icon } from '../ui/Icon.tsx';
import { useMe } from './context.tsx';
import { useDeskEvents } from './deskEvents.ts';
import { useT } from './i18n.ts';
import { useInboxState } from './inboxState.ts';

export const SOUND_KEY = 'threadline.notify.sound';
/** conversation.changed for the message may arrive just after the desk.event: wait this long for it. */
const ASSIGNMENT_GRACE_MS = 400;

// ── Sound preference ─────────────────────────────────────────────────────────────────────────────────

const soundListeners = new Set<() => void>();

function readSound(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

export function setSoundEnabled(on: boolean): void {
  try {
    if (on) localStorage.setItem(SOUND_KEY, 'on');
    else localStorage.removeItem(SOUND_KEY);
  } catch {
    // not remembered
  }
  for (const listener of [...soundListeners]) listener();
}

const subscribeSound = (listener: () => void) => {
  soundListeners.add(listener);
  return () => soundListeners.delete(listener);
};

export function useSoundEnabled(): boolean {
  return useSyncExternalStore(subscribeSound, readSound, () => false);
}

let audio: AudioContext | null = null;

/** A short two-tone chime, synthesised. */
export function beep(): void {
  try {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return;
    audio ??= new Ctor();
    const ctx = audio;
    if (ctx.state === 'suspended') void ctx.resume();
    const start = ctx.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const t0 = start + i * 0.12;
      osc.type = 'sine';
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t0);
      gain.gain.exponentialRampToValueAtTime(0.15, t0 + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0);
      osc.stop(t0 + 0.2);
    }
  } catch {
    // no audio device: silent
  }
}

// ── Permission ───────────────────────────────────────────────────────────────────────────────────────

export type NotifyPermission = NotificationPermission | 'unsupported';

const permissionListeners = new Set<() => void>();
const readPermission = (): NotifyPermission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
const subscribePermission = (listener: () => void) => {
  permissionListeners.add(listener);
  return () => permissionListeners.delete(listener);
};

export function useNotifyPermission(): NotifyPermission {
  return useSyncExternalStore(subscribePermission, readPermission, () => 'unsupported' as const);
}

export async function requestNotifyPermission(): Promise<NotifyPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    await Notification.requestPermission();
  } catch {
    // old engines take a callback; the permission is read below either way
  }
  for (const listener of [...permissionListeners]) listener();
  return readPermission();
}

// ── Controls (in the inbox header) ───────────────────────────────────────────────────────────────────

export function NotificationControls() {
  const { t } = useT();
  const permission = useNotifyPermission();
  const sound = useSoundEnabled();
  return (
    <div className="notify-controls">
      {permission === 'default' ? (
        <button type="button" className="btn btn--small" onClick={() => void requestNotifyPermission()}>
          <Icon name="bell" /> {t('desk:Notify.enable')}
        </button>
      ) : permission === 'denied' ? (
        <span className="muted notify-controls__note" title={t('desk:Notify.deniedHint')}>
          <Icon name="bellOff" /> {t('desk:Notify.denied')}
        </span>
      ) : permission === 'granted' ? (
        <span className="muted notify-controls__note">
          <Icon name="bell" /> {t('desk:Notify.on')}
        </span>
      ) : null}
      <button
        type="button"
        className="btn btn--ghost btn--small"
        aria-pressed={sound}
        onClick={() => {
          setSoundEnabled(!sound);
          if (!sound) beep();
        }}
      >
        <Icon name={sound ? 'volume' : 'volumeOff'} /> {t('desk:Notify.sound')}
      </button>
    </div>
  );
}

// ── The notifier (mounted once in the shell) ─────────────────────────────────────────────────────────

export function isInboundMessage(event: SequencedEvent): event is SequencedEvent & { type: 'timeline.added' } {
  return event.type === 'timeline.added' && event.payload.event.kind === 'message' && event.payload.event.payload.direction === 'inbound';
}

const shorten = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function DeskNotifier() {
  const { t } = useT();
  const me = useMe();
  const state = useInboxState();
  const navigate = useNavigate();
  const location = useLocation();
  const where = useRef(location.pathname);
  useEffect(() => {
    where.current = location.pathname;
  }, [location.pathname]);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);

  useDeskEvents((event) => {
    if (!isInboundMessage(event)) return;
    const conversationId = event.payload.conversationId;
    if (!conversationId || event.payload.event.kind !== 'message') return;
    const message = event.payload.event.payload;
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      if (state.assigneeOf(conversationId) !== me.id) return;
      const looking = typeof document !== 'undefined' && !document.hidden && document.hasFocus() && where.current === `/inbox/${conversationId}`;
      if (looking) return;
      if (readSound()) beep();
      if (readPermission() !== 'granted') return;
      try {
        const name = state.customerNameOf(conversationId);
        const notification = new Notification(name ? t('desk:Notify.titleFrom', { name }) : t('desk:Notify.title'), {
          body: shorten(message.subject ? `${message.subject} — ${message.body}` : message.body),
          tag: conversationId,
        });
        notification.onclick = () => {
          window.focus();
          void navigate(`/inbox/${conversationId}`);
          notification.close();
        };
      } catch {
        // Some engines only allow notifications from a service worker: the badge and sound remain.
      }
    }, ASSIGNMENT_GRACE_MS);
    timers.current.add(timer);
  });

  return null;
}
