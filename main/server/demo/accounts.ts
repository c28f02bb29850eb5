// The channel accounts demo mode runs against its simulators. The generator writes their rows, so the
// seeded messages name the account they came in or went out through and Settings counts them from the
// start; demo mode then saves each simulator's settings (fresh credentials and port at every start) over
// the same ids.
import type { Channel } from '../../../common/domain/enums.ts';

export interface DemoAccount {
  id: string;
  kind: Channel;
  name: string;
}

export const DEMO_ACCOUNTS = {
  sms: { id: 'demo-sms', kind: 'sms', name: 'SMS (симулятор Twilio)' },
  telegram: { id: 'demo-telegram', kind: 'telegram', name: 'Telegram-бот (симулятор)' },
} as const satisfies Partial<Record<Channel, DemoAccount>>;

const byChannel: Partial<Record<Channel, DemoAccount>> = DEMO_ACCOUNTS;

/** The demo account a seeded message of this channel belongs to; null for channels without a simulator. */
export function demoAccountId(channel: Channel): string | null {
  return byChannel[channel]?.id ?? null;
}
