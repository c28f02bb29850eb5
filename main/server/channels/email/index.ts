// The e-mail channel: IMAP in (IDLE or polling, several mailboxes), SMTP out. Replies thread in the
// customer's client through In-Reply-To/References built from the provider ids the outbox passes.
import { z } from 'zod';
import type { ChannelAdapter } from '../contract.ts';
import { checkMailbox } from './check.ts';
import { EMAIL_SECRET_FIELDS, EmailConfig } from './config.ts';
import { MailboxCursor, startImapReader } from './imap.ts';
import { sendEmail } from './smtp.ts';

/** Where each mailbox was read up to, so a restart neither re-reads old mail nor skips mail read elsewhere. */
const EmailState = z.object({ cursors: z.record(z.string(), MailboxCursor) });
type EmailState = z.infer<typeof EmailState>;

export const emailAdapter: ChannelAdapter<EmailConfig, EmailState> = {
  kind: 'email',
  configSchema: EmailConfig,
  secretFields: EMAIL_SECRET_FIELDS,
  // Mail providers throttle bursts from one account (and spam filters notice them); replies are never urgent to the second.
  ratePerSecond: 5,
  send(account, message) {
    return sendEmail(account.config, message);
  },
  stateSchema: EmailState,
  async start(ctx, account, hooks) {
    const reader = startImapReader({
      accountId: account.id,
      config: account.config,
      ctx,
      cursors: hooks.state?.cursors,
      onCursor: () => hooks.saveState({ cursors: reader.cursors() }),
      onSynced: hooks.synced,
    });
    return () => reader.stop();
  },
  testConnection: (account, signal) => checkMailbox(account.config, signal),
};
