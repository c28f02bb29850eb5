// Test connection for a mailbox: SMTP (connect, TLS, login) and IMAP (login, folder list) are checked side
// by side, so one answer says which half is broken. Nothing is sent and no message is touched.
import type { ConnectionTestResult } from '../../../../common/api/channelSettings.ts';
import { describeNetworkError, TEST_TIMEOUT_MS } from '../connectionTest.ts';
import type { EmailConfig } from './config.ts';
import { imapClient } from './imap.ts';
import { smtpTransport } from './smtp.ts';

type Half = { ok: true; detail: string } | { ok: false; reason: string };

interface ProtocolError {
  code?: string;
  authenticationFailed?: boolean;
  response?: string;
}

const wrongLogin = (user: string | undefined) => `login refused for ${user ?? 'the account'} (wrong user name or password)`;

function failure(error: unknown, user: string | undefined): string {
  const protocol = (error ?? {}) as ProtocolError;
  if (protocol.code === 'EAUTH' || protocol.authenticationFailed) return wrongLogin(user);
  if (protocol.code === 'NoConnection' || protocol.code === 'ClosedAfterConnectText') return 'the server closed the connection';
  return describeNetworkError(error);
}

async function checkSmtp(config: EmailConfig, signal: AbortSignal): Promise<Half> {
  const where = `${config.smtp.host}:${config.smtp.port}`;
  const transport = smtpTransport(config, TEST_TIMEOUT_MS);
  const close = () => transport.close();
  signal.addEventListener('abort', close);
  try {
    await transport.verify();
    return { ok: true, detail: `SMTP ${where} ${config.smtp.user ? 'accepted the login' : 'is reachable'}` };
  } catch (error) {
    return { ok: false, reason: `SMTP ${where}: ${failure(error, config.smtp.user)}` };
  } finally {
    signal.removeEventListener('abort', close);
    close();
  }
}

async function checkImap(config: EmailConfig, signal: AbortSignal): Promise<Half> {
  const where = `${config.imap.host}:${config.imap.port}`;
  const client = imapClient(config, TEST_TIMEOUT_MS, { socketTimeout: TEST_TIMEOUT_MS });
  // imapflow also emits socket errors as events: unhandled, they would crash the hub.
  client.on('error', () => {});
  const close = () => client.close();
  signal.addEventListener('abort', close);
  try {
    await client.connect();
    const folders = new Set((await client.list()).map((folder) => folder.path));
    const missing = config.imap.mailboxes.filter((mailbox) => !folders.has(mailbox));
    if (missing.length > 0) return { ok: false, reason: `IMAP ${where}: no folder ${missing.map((m) => `"${m}"`).join(', ')} (the server has ${[...folders].join(', ')})` };
    return { ok: true, detail: `IMAP ${where}: ${config.imap.mailboxes.join(', ')} found` };
  } catch (error) {
    return { ok: false, reason: `IMAP ${where}: ${failure(error, config.imap.user)}` };
  } finally {
    signal.removeEventListener('abort', close);
    await client.logout().catch(() => client.close());
  }
}

export async function checkMailbox(config: EmailConfig, signal: AbortSignal): Promise<ConnectionTestResult> {
  const halves = await Promise.all([checkImap(config, signal), checkSmtp(config, signal)]);
  const failed = halves.flatMap((half) => (half.ok ? [] : [half.reason]));
  if (failed.length > 0) return { ok: false, timedOut: false, reason: failed.join('; ') };
  return { ok: true, detail: halves.flatMap((half) => (half.ok ? [half.detail] : [])).join('; ') };
}
