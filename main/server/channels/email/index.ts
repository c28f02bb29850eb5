// The e-mail channel: IMAP in (IDLE or polling, several mailboxes), SMTP out. Replies thread in the
// customer's client through In-Reply-To/References built from the provider ids the outbox passes.
import type { ChannelAdapter } from '../contract.ts';
import { EMAIL_SECRET_FIELDS, EmailConfig } from './config.ts';
import { startImapReader } from './imap.ts';
import { sendEmail } from './smtp.ts';


export const emailAdapter: ChannelAdapter<EmailConfig> = {
  kind: 'email',
  configSchema: EmailConfig,
  secretFields: EMAIL_SECRET_FIELDS,
  // Mail providers throttle bursts from one account (and spam filters notice them); replies are never urgent to the second.
  ratePerSecond: 5,
  send(account, message) {
    return sendEmail(account.config, message);
  },
  async start(ctx, account) {
    const reader = startImapReader({ accountId: account.id, config: account.config, ctx });
    return () => reader.stop();
  },
};
