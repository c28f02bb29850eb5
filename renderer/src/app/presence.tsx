// The agent's presence (online / away) in the shell header: chosen by the agent, switched to away after
// five minutes without input (and back on the next input), told to the hub with `presence.set` and again
// after every reconnect.
import { useEffect, useRef, useState } from 'react';
import type { Presence } from '../../../common/api/desk.ts';
import { useHub, useOnReconnect } from './context.tsx';
import { useT } from './i18n.ts';

export const AUTO_AWAY_MS = 5 * 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus'] as const;

type Chosen = Exclude<Presence, 'offline'>;

export function PresenceSelect() {
  const { t } = useT();
  const hub = useHub();
  const [chosen, setChosen] = useState<Chosen>('online');
  /** Away because of idleness, not by choice: input brings it back. */
  const [autoAway, setAutoAway] = useState(false);
  const effective: Chosen = autoAway ? 'away' : chosen;

  const sent = useRef<Chosen | null>(null);
  useEffect(() => {
    if (sent.current === effective) return;
    sent.current = effective;
    void hub.call('presence.set', { presence: effective });
  }, [hub, effective]);
  useOnReconnect(() => {
    void hub.call('presence.set', { presence: sent.current ?? effective });
  });

  // Idle detection: any input resets the timer; the timer only runs while the agent is online by choice.
  const lastInput = useRef(0);
  useEffect(() => {
    if (chosen !== 'online') return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => setAutoAway(true), AUTO_AWAY_MS);
    };
    const onInput = () => {
      const now = Date.now();
      // pointermove fires constantly: re-arm at most once a second.
      if (now - lastInput.current < 1_000) return;
      lastInput.current = now;
      setAutoAway(false);
      arm();
    };
    arm();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onInput, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onInput, { capture: true });
    };
  }, [chosen]);

  return (
    <label className={`presence presence--${effective}`}>
      <span className="presence__dot" aria-hidden="true" />
      <span className="visually-hidden">{t('desk:Presence.label')}</span>
      <select
        className="presence__select"
        aria-label={t('desk:Presence.label')}
        value={effective}
        onChange={(event) => {
          setAutoAway(false);
          setChosen(event.target.value as Chosen);
        }}
      >
        <option value="online">{t('desk:Presence.online')}</option>
        <option value="away">{autoAway ? t('desk:Presence.autoAway') : t('desk:Presence.away')}</option>
      </select>
    </label>
  );
}
