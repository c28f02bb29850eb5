// Reads new mail from the account's IMAP mailboxes into ingest. One connection per mailbox, because IDLE
// watches only the selected one. A message is marked \Seen only after ingest has committed it: a crash in
// between re-delivers it on the next start, and ingest dedupes by Message-ID.
import { setTimeout as sleep } from 'node:timers/promises';
import { ImapFlow } from 'imapflow';
import { z } from 'zod';
import type { ChannelContext } from '../contract.ts';
import { createAttachmentStore } from '../../services/attachments/store.ts';
import { storeAttachments, withAttachments } from './attachments.ts';
import type { EmailConfig } from './config.ts';
import { parseEmail, type BounceDetails } from './parse.ts';

/** An IMAP connection to the account's server with its login, each wait bounded by `timeoutMs`. */
export function imapClient(config: EmailConfig, timeoutMs: number, extra: { disableAutoIdle?: boolean; socketTimeout?: number } = {}): ImapFlow {
  return new ImapFlow({
    host: config.imap.host,
    port: config.imap.port,
    secure: config.imap.secure,
    auth: { user: config.imap.user, pass: config.imapPassword },
    logger: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    ...extra,
  });
}

/** How far a mailbox has been read; only meaningful within one UIDVALIDITY. */
export const MailboxCursor = z.object({ uidValidity: z.string(), lastUid: z.number().int().min(0) });
export type MailboxCursor = z.infer<typeof MailboxCursor>;

export interface ImapReaderOptions {
  accountId: string;
  config: EmailConfig;
  ctx: ChannelContext;
  /** Where an earlier run stopped, as persisted from `onCursor`. */
  cursors?: Record<string, MailboxCursor>;
  /** Whenever the read position advances (after ingest and \Seen), so the caller can persist it. */
  onCursor?(mailbox: string, cursor: MailboxCursor): void;
  /** A mailbox was read through (after each look for new mail). */
  onSynced?(mailbox: string): void;
  backoff?: { initialMs: number; maxMs: number };
}

export interface ImapReader {
  stop(): Promise<void>;
  cursors(): Record<string, MailboxCursor>;
}

const DEFAULT_BACKOFF = { initialMs: 1000, maxMs: 5 * 60_000 };
const TIMEOUT_MS = 30_000;

/** Reasons mail was left unread in the mailbox for a person to look at, since the hub started. */
export const emailReaderCounters = { rejected: 0 };

export function startImapReader(options: ImapReaderOptions): ImapReader {
  const { config, ctx, accountId } = options;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const cursors = new Map(Object.entries(options.cursors ?? {}));
  const stopping = new AbortController();
  const clients = new Set<ImapFlow>();
  // The hub's store; a reader run on its own (tests, tools) may name a folder in the config instead.
  const store = ctx.attachments ?? (config.attachmentsDir ? createAttachmentStore(config.attachmentsDir) : null);

  async function deliver(source: Buffer, mailbox: string, uid: number): Promise<boolean> {
    const parsed = await parseEmail(source, accountId);
    if (!parsed.ok) {
      // Left unread rather than flagged seen: nothing was stored, so a person should see it in the mailbox.
      emailReaderCounters.rejected += 1;
      ctx.log.warn({ accountId, mailbox, uid, reason: parsed.reason }, 'e-mail not ingested');
      return false;
    }
    if (!store && parsed.attachments.length > 0) throw new Error('No attachment store: the reader needs the hub context or an attachmentsDir');
    const stored = store ? await storeAttachments(store, config.maxAttachmentBytes, parsed.attachments) : { attachments: [], skipped: [], inline: {} };
    const message = withAttachments(parsed.message, stored);
    await ctx.ingest({ ...message, meta: { ...message.meta, mailbox } });
    await reportBounce(message.meta?.bounce as BounceDetails | null | undefined, mailbox, uid);
    return true;
  }

  /** A bounce of one of our replies is that reply's delivery status, as a provider callback would be. */
  async function reportBounce(bounce: BounceDetails | null | undefined, mailbox: string, uid: number): Promise<void> {
    if (!bounce?.permanent || !bounce.originalMessageId) return;
    const reason = [bounce.status, bounce.diagnostic ?? 'returned by the recipient\'s mail server'].filter(Boolean).join(' ');
    try {
      await ctx.updateStatus({ channel: 'email', providerMessageId: bounce.originalMessageId, status: 'failed', failureReason: reason.slice(0, 1000) });
    } catch (error) {
      // Often a bounce of mail sent outside Threadline: the bounce itself is stored, which is what matters.
      ctx.log.warn({ accountId, mailbox, uid, err: error instanceof Error ? error.message : String(error) }, 'bounce status not applied');
    }
  }

  async function drain(client: ImapFlow, mailbox: string, uidNextAtOpen: number): Promise<void> {
    const uidValidity = String(client.mailbox ? client.mailbox.uidValidity : '');
    const known = cursors.get(mailbox);
    const resume = known?.uidValidity === uidValidity ? known : null;
    // With a cursor, everything after it is new even if a person already read it in another client; without
    // one (first start, UIDVALIDITY reset) unread mail is the best guess, and \Seen is what makes it right.
    let cursor = resume ?? { uidValidity, lastUid: 0 };
    const query = resume ? { uid: `${resume.lastUid + 1}:*` } : { seen: false };
    // "n:*" always matches the newest message, even below n: filter again.
    const found = (await client.search(query, { uid: true })) || [];
    for (const uid of found.filter((candidate) => candidate > cursor.lastUid).sort((a, b) => a - b)) {
      if (stopping.signal.aborted) return;
      const fetched = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
      if (fetched && fetched.source && (await deliver(fetched.source, mailbox, uid))) {
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      }
      cursor = { uidValidity, lastUid: uid };
      advance(mailbox, cursor);
    }
    // Everything below UIDNEXT at open has been looked at now: later mail is new whatever its flags.
    if (!resume && uidNextAtOpen - 1 > cursor.lastUid) advance(mailbox, { uidValidity, lastUid: uidNextAtOpen - 1 });
  }

  function advance(mailbox: string, cursor: MailboxCursor): void {
    cursors.set(mailbox, cursor);
    options.onCursor?.(mailbox, cursor);
  }

  /** Reads until the connection drops or the reader stops; new mail wakes it (IDLE), else the poll timer. */
  async function session(client: ImapFlow, mailbox: string, uidNextAtOpen: number): Promise<void> {
    let pending = false;
    let wake = () => {};
    const nudge = () => {
      pending = true;
      wake();
    };
    client.on('exists', nudge);
    client.on('close', nudge);
    stopping.signal.addEventListener('abort', nudge);
    try {
      while (!stopping.signal.aborted && client.usable) {
        pending = false;
        await drain(client, mailbox, uidNextAtOpen);
        options.onSynced?.(mailbox);
        if (pending || stopping.signal.aborted) continue;
        const woken = new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, config.imap.pollSeconds * 1000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        // IDLE runs until the next command (the drain's SEARCH) ends it; servers without it are polled.
        if (client.capabilities.has('IDLE')) client.idle().catch(() => {});
        await woken;
        wake = () => {};
      }
    } finally {
      stopping.signal.removeEventListener('abort', nudge);
    }
    if (!stopping.signal.aborted) throw new Error('connection closed by the server');
  }

  async function watch(mailbox: string): Promise<void> {
    let failures = 0;
    while (!stopping.signal.aborted) {
      const client = imapClient(config, TIMEOUT_MS, { disableAutoIdle: true });
      client.on('error', (error: Error) => ctx.log.warn({ accountId, mailbox, err: error.message }, 'IMAP connection error'));
      clients.add(client);
      try {
        await client.connect();
        const opened = await client.mailboxOpen(mailbox);
        failures = 0;
        await session(client, mailbox, opened.uidNext);
      } catch (error) {
        if (stopping.signal.aborted) break;
        failures += 1;
        ctx.log.warn({ accountId, mailbox, host: config.imap.host, failures, err: error instanceof Error ? error.message : String(error) }, 'IMAP reader reconnecting');
      } finally {
        clients.delete(client);
        await client.logout().catch(() => client.close());
      }
      // Jittered so a restarted server is not hit by every mailbox at the same instant.
      const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, failures - 1)) * (0.75 + Math.random() / 2);
      await sleep(delay, undefined, { signal: stopping.signal }).catch(() => {});
    }
  }

  const loops = config.imap.mailboxes.map((mailbox) => watch(mailbox));
  return {
    async stop() {
      stopping.abort();
      await Promise.all([...clients].map((client) => client.logout().catch(() => client.close())));
      await Promise.all(loops);
    },
    cursors: () => Object.fromEntries(cursors),
  };
}
