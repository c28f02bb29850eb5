// One mailbox (IMAP in, SMTP out) as an admin enters it in Settings → Channels.
import { z } from 'zod';

const host = z.string().trim().min(1).max(253);
const port = z.number().int().min(1).max(65535);

export const EmailConfig = z.object({
  address: z.string().trim().toLowerCase().pipe(z.email()),
  displayName: z.string().trim().min(1).max(200),
  imap: z.object({
    host,
    port: port.default(993),
    /** Implicit TLS (993); false means plain or STARTTLS, which imapflow upgrades to when offered. */
    secure: z.boolean().default(true),
    user: z.string().min(1).max(320),
    mailboxes: z.array(z.string().min(1).max(200)).min(1).default(['INBOX']),
    /** How often to look for mail when the server has no IDLE, and how long one IDLE may last. */
    pollSeconds: z.number().int().min(5).max(3600).default(60),
  }),
  smtp: z.object({
    host,
    port: port.default(465),
    secure: z.boolean().default(true),
    /** Absent for a relay that trusts the hub's address. */
    user: z.string().min(1).max(320).optional(),
  }),
  // Secrets are top-level because the account store splits them off by top-level field name.
  /** Secret: kept in the secret store, never logged. */
  imapPassword: z.string().min(1).max(500),
  /** Secret: kept in the secret store, never logged. */
  smtpPassword: z.string().min(1).max(500).optional(),
  /**
   * Ignored by the hub, which keeps every attachment in its one store under the data folder; only a reader
   * run on its own (tests, tools) uses it. Optional so accounts saved with it stay valid.
   */
  attachmentsDir: z.string().min(1).optional(),
  /** Larger inbound files are skipped (listed in meta, not stored); never above the store's 25 MB limit. */
  maxAttachmentBytes: z
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
});
/** Fields the account store keeps in the secret store. */
export const EMAIL_SECRET_FIELDS = ['imapPassword', 'smtpPassword'] as const;

export type EmailConfig = z.output<typeof EmailConfig>;
