// Demo mode runs each channel against its local simulator, so a new user sees replies leave through the
// outbox and their delivery receipts come back over the same signed webhooks a real provider sends.
import { randomBytes } from 'node:crypto';
import type { ChannelAccounts } from '../channels/accounts.ts';
import { startTwilioSimulator } from '../channels/sms/simulator.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';

const DEMO_SMS_ACCOUNT = 'demo-sms';
const DEMO_SMS_NUMBER = '+74950000000';
const RECEIPT_DELAY_MS = 1500;

export async function startDemoChannels(deps: { db: Db; log: Logger; accounts: ChannelAccounts; hubUrl: string }): Promise<() => Promise<void>> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(20).toString('hex');
  const timers = new Set<NodeJS.Timeout>();
  const sms = await startTwilioSimulator({
    accountSid,
    authToken,
    // The customer's handset: delivered a moment after the send, as a real network reports it.
    onSend: (send) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        sms.deliverStatus(send.sid, 'delivered').catch((error: unknown) => deps.log.warn({ err: error }, 'demo SMS receipt failed'));
      }, RECEIPT_DELAY_MS);
      timers.add(timer);
    },
  });
  // The simulator gets fresh credentials and a fresh port at every start; the account follows them.
  await deps.accounts.save({
    id: DEMO_SMS_ACCOUNT,
    kind: 'sms',
    name: 'SMS (симулятор Twilio)',
    config: { accountSid, authToken, fromNumber: DEMO_SMS_NUMBER, apiBaseUrl: sms.url, webhookBaseUrl: deps.hubUrl },
  });
  deps.log.info({ url: sms.url }, 'demo SMS simulator running');
  return async () => {
    for (const timer of timers) clearTimeout(timer);
    await sms.close();
  };
}
