// Sends one SMS through Twilio's REST API and turns its answers into the outbox's three outcomes:
// done, retry later (429, 5xx, network, credentials being fixed) or failed for good.
import type { ConnectionTestResult } from '../../../../common/api/channelSettings.ts';
import { describeNetworkError } from '../connectionTest.ts';
import { PermanentSendError, RetryLaterError, type SendResult } from '../contract.ts';
import type { TwilioConfig } from './config.ts';
import { describeTwilioError, TwilioAccountResource, TwilioErrorResponse, TwilioSendResponse } from './wire.ts';

export interface SmsSend {
  to: string;
  body: string;
  statusCallbackUrl: string;
  /** Our message id: a resend after a crash mid-request returns the first message instead of a second SMS. */
  idempotencyKey: string;
}

const DEFAULT_RETRY_AFTER_MS = 1000;
const DEFAULT_TIMEOUT_MS = 15_000;
/** The customer told Twilio STOP: Twilio refuses every send to them until they write START. */
const UNSUBSCRIBED = 21610;
// 401/403/404 name our credentials or account, not this message: retrying once an admin fixes them works.
const CONFIG_STATUSES = new Set([401, 403, 404]);

const basicAuth = (config: TwilioConfig) => `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;

/** Reads the account itself: proves the SID and token without sending anything, and names the account. */
export async function checkTwilioAccount(config: TwilioConfig, signal: AbortSignal): Promise<ConnectionTestResult> {
  let response: Response;
  try {
    response = await fetch(`${config.apiBaseUrl}/2010-04-01/Accounts/${config.accountSid}.json`, {
      headers: { authorization: basicAuth(config), accept: 'application/json' },
      signal,
    });
  } catch (error) {
    return { ok: false, timedOut: false, reason: `Twilio unreachable at ${config.apiBaseUrl}: ${describeNetworkError(error)}` };
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = TwilioErrorResponse.safeParse(payload);
    const reason = describeTwilioError(error.success ? (error.data.code ?? response.status) : response.status, error.success ? error.data.message : undefined);
    // 401 is the only answer Twilio gives for a wrong SID or token alike.
    return { ok: false, timedOut: false, reason: response.status === 401 ? `${reason} — check the Account SID and Auth Token` : reason };
  }
  const account = TwilioAccountResource.safeParse(payload);
  if (!account.success) return { ok: false, timedOut: false, reason: `Twilio answered ${response.status} with an unexpected body: is ${config.apiBaseUrl} a Twilio API?` };
  if (account.data.status !== 'active') return { ok: false, timedOut: false, reason: `Twilio account "${account.data.friendly_name}" is ${account.data.status}` };
  return { ok: true, detail: `Twilio account "${account.data.friendly_name}" is active` };
}

export async function sendSms(config: TwilioConfig, send: SmsSend, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<SendResult> {
  const url = `${config.apiBaseUrl}/2010-04-01/Accounts/${config.accountSid}/Messages.json`;
  const form = new URLSearchParams({ To: send.to, From: config.fromNumber, Body: send.body, StatusCallback: send.statusCallbackUrl });
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: basicAuth(config),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        'I-Twilio-Idempotency-Token': send.idempotencyKey,
      },
      body: form,
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`Twilio unreachable: ${describeNetworkError(error)}`, { cause: error });
  }

  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = TwilioSendResponse.safeParse(payload);
    // Sent but unreadable: retrying is safe because the idempotency token returns the same message.
    if (!parsed.success) throw new Error(`Twilio answered ${response.status} with an unexpected body`);
    return { providerMessageId: parsed.data.sid };
  }

  const error = TwilioErrorResponse.safeParse(payload);
  const code = error.success ? error.data.code : undefined;
  const reason = describeTwilioError(code ?? response.status, error.success ? error.data.message : undefined);
  if (response.status === 429) throw new RetryLaterError(reason, retryAfterMs(response.headers.get('retry-after')));
  if (response.status >= 500 || CONFIG_STATUSES.has(response.status)) throw new Error(reason);
  // Any other 4xx rejects this message itself (invalid or unreachable number, body too long …): resending it
  // unchanged gets the same answer.
  throw new PermanentSendError(reason, code === UNSUBSCRIBED ? 'opted_out' : undefined);
}

/** Retry-After is seconds or an HTTP date. */
function retryAfterMs(header: string | null): number {
  if (!header) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, date - Date.now());
}
