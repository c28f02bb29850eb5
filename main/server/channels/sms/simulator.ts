// A local server that speaks Twilio's Messages and Account APIs and signs webhooks as Twilio does: the demo
// and the tests run the real adapter against it. Loopback only; it keeps everything in memory.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalizePhone } from '../../../../common/domain/contacts.ts';
import { smsSegments } from '../../../../common/domain/sms.ts';
import { computeTwilioSignature } from './signature.ts';
import type { TwilioMessageStatus } from './wire.ts';

export interface SimulatorOptions {
  accountSid: string;
  authToken: string;
  port?: number;
  host?: '127.0.0.1' | '::1' | 'localhost';
  /** Called after each accepted send: the demo uses it to play the handset's delivery receipts. */
  onSend?: (send: SimulatedSend) => void;
}

export interface SimulatedSend {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | undefined;
  idempotencyToken: string | undefined;
}

export interface InjectedFailure {
  status: 429 | 400 | 500 | 503;
  /** Twilio error code in the body (e.g. 21211 invalid number, 21610 unsubscribed, 20429 too many requests). */
  code?: number;
  /** For 429: the Retry-After header, in seconds. */
  retryAfterSeconds?: number;
}

export interface TwilioSimulator {
  /** Use as the account's apiBaseUrl. */
  url: string;
  /** Every message accepted, in order (idempotent replays are not added again). */
  sent: SimulatedSend[];
  /** Every webhook the simulator posted: replay one with postSigned(webhookUrl, params). */
  posted: Array<{ webhookUrl: string; params: Record<string, string> }>;
  /** Fails the next `count` sends with the given answer. */
  failNext(count: number, failure: InjectedFailure): void;
  /** Posts a signed inbound-SMS webhook as Twilio would; resolves with the HTTP status the hub answered. */
  sendInbound(message: { from: string; to: string; body: string; webhookUrl: string; mediaUrls?: string[] }): Promise<number>;
  /** Posts a signed status callback for a sent message, to its StatusCallback unless another URL is given. */
  deliverStatus(sid: string, status: TwilioMessageStatus, webhookUrl?: string, error?: { code: number; message?: string }): Promise<number>;
  postSigned(webhookUrl: string, params: Record<string, string>): Promise<number>;
  close(): Promise<void>;
}

const sid = (prefix: string) => prefix + randomBytes(16).toString('hex');
const MAX_BODY = 1600;
const MAX_REQUEST_BYTES = 1 << 20;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function twilioError(res: ServerResponse, status: number, code: number, message: string, headers?: Record<string, string>): void {
  json(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) throw new Error('request too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startTwilioSimulator(options: SimulatorOptions): Promise<TwilioSimulator> {
  const { accountSid, authToken } = options;
  const sent: SimulatedSend[] = [];
  const posted: TwilioSimulator['posted'] = [];
  const byToken = new Map<string, unknown>();
  const failures: InjectedFailure[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const messagesPath = `/2010-04-01/Accounts/${accountSid}/Messages.json`;
  const created = new Date().toUTCString();
  const accountResource = {
    sid: accountSid,
    friendly_name: 'Threadline simulator',
    status: 'active',
    type: 'Full',
    owner_account_sid: accountSid,
    date_created: created,
    date_updated: created,
    uri: `/2010-04-01/Accounts/${accountSid}.json`,
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    if (req.method === 'GET' && /^\/2010-04-01\/Accounts\/[^/]+\.json$/.test(path)) {
      // Twilio answers a wrong SID and a wrong token alike, so a probe learns nothing about which was wrong.
      if (req.headers.authorization !== expectedAuth || path !== `/2010-04-01/Accounts/${accountSid}.json`) return twilioError(res, 401, 20003, 'Authenticate');
      return json(res, 200, accountResource);
    }
    if (req.method !== 'POST' || !/^\/2010-04-01\/Accounts\/[^/]+\/Messages\.json$/.test(path)) {
      return twilioError(res, 404, 20404, 'The requested resource was not found');
    }
    if (req.headers.authorization !== expectedAuth || path !== messagesPath) {
      return twilioError(res, 401, 20003, 'Authenticate');
    }
    const form = new URLSearchParams(await readBody(req));
    const token = req.headers['i-twilio-idempotency-token'];
    const idempotencyToken = typeof token === 'string' ? token : undefined;
    const earlier = idempotencyToken ? byToken.get(idempotencyToken) : undefined;
    if (earlier) return json(res, 201, earlier);

    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> = failure.status === 429 ? { 'retry-after': String(failure.retryAfterSeconds ?? 1) } : {};
      const code = failure.code ?? (failure.status === 429 ? 20429 : failure.status === 400 ? 21211 : 20500);
      return twilioError(res, failure.status, code, `Simulated failure ${code}`, headers);
    }

    const to = form.get('To') ?? '';
    const from = form.get('From') ?? '';
    const body = form.get('Body') ?? '';
    if (!to) return twilioError(res, 400, 21604, "A 'To' phone number is required.");
    if (!normalizePhone(to)) return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from) return twilioError(res, 400, 21603, "A 'From' phone number is required.");
    if (!body) return twilioError(res, 400, 21602, 'Message body is required.');
    if (body.length > MAX_BODY) return twilioError(res, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.');

    const message: SimulatedSend = { sid: sid('SM'), to, from, body, statusCallback: form.get('StatusCallback') ?? undefined, idempotencyToken };
    sent.push(message);
    options.onSend?.(message);
    const now = new Date().toUTCString();
    const resource = {
      sid: message.sid,
      account_sid: accountSid,
      to,
      from,
      body,
      status: 'queued',
      direction: 'outbound-api',
      num_segments: String(smsSegments(body).segments),
      num_media: '0',
      api_version: '2010-04-01',
      date_created: now,
      date_updated: now,
      date_sent: null,
      error_code: null,
      error_message: null,
      price: null,
      uri: `${messagesPath.replace('.json', '')}/${message.sid}.json`,
    };
    if (idempotencyToken) byToken.set(idempotencyToken, resource);
    json(res, 201, resource);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) twilioError(res, 500, 20500, error instanceof Error ? error.message : 'Internal error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  async function postSigned(webhookUrl: string, params: Record<string, string>): Promise<number> {
    posted.push({ webhookUrl, params });
    const response = await fetch(webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': computeTwilioSignature(authToken, webhookUrl, params),
        'i-twilio-idempotency-token': randomBytes(16).toString('hex'),
      },
      body: new URLSearchParams(params),
    });
    await response.arrayBuffer();
    return response.status;
  }

  return {
    url: `http://${host}:${address.port}`,
    sent,
    posted,
    failNext(count, failure) {
      for (let i = 0; i < count; i += 1) failures.push(failure);
    },
    sendInbound({ from, to, body, webhookUrl, mediaUrls = [] }) {
      const messageSid = sid(mediaUrls.length > 0 ? 'MM' : 'SM');
      const params: Record<string, string> = {
        ToCountry: 'RU',
        SmsMessageSid: messageSid,
        NumMedia: String(mediaUrls.length),
        SmsSid: messageSid,
        SmsStatus: 'received',
        Body: body,
        To: to,
        NumSegments: String(Math.max(1, smsSegments(body).segments)),
        MessageSid: messageSid,
        AccountSid: accountSid,
        From: from,
        ApiVersion: '2010-04-01',
      };
      mediaUrls.forEach((url, i) => {
        params[`MediaUrl${i}`] = url;
        params[`MediaContentType${i}`] = 'image/jpeg';
      });
      return postSigned(webhookUrl, params);
    },
    deliverStatus(messageSid, status, webhookUrl, error) {
      const message = sent.find((candidate) => candidate.sid === messageSid);
      const target = webhookUrl ?? message?.statusCallback;
      if (!message || !target) throw new Error(`No sent message ${messageSid} with a StatusCallback`);
      const failed = status === 'failed' || status === 'undelivered';
      const params: Record<string, string> = {
        SmsSid: messageSid,
        SmsStatus: status,
        MessageStatus: status,
        To: message.to,
        MessageSid: messageSid,
        AccountSid: accountSid,
        From: message.from,
        ApiVersion: '2010-04-01',
        ...(failed ? { ErrorCode: String(error?.code ?? 30003) } : {}),
        ...(failed && error?.message ? { ErrorMessage: error.message } : {}),
      };
      return postSigned(target, params);
    },
    postSigned,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
