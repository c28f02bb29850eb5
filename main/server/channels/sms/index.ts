// The SMS channel through Twilio (or anything that speaks its API): sends via REST, receives inbound
// messages and delivery statuses on signed, form-encoded webhooks.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ChannelAdapter, ChannelContext } from '../contract.ts';
import { checkTwilioAccount, sendSms } from './client.ts';
import { TwilioConfig } from './config.ts';
import { verifyTwilioSignature, type FormParams } from './signature.ts';
import { inboundToMessage, statusToUpdate } from './wire.ts';

const FORM = 'application/x-www-form-urlencoded';
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

type Account = { id: string; config: TwilioConfig };

/** Rejections since the hub started, for the channel's health in Settings (audit is the hub's). */
export const smsWebhookCounters = { rejectedSignatures: 0, invalidPayloads: 0 };

export function statusCallbackUrl(account: Account): string {
  return `${account.config.webhookBaseUrl}/webhooks/sms/${encodeURIComponent(account.id)}/status`;
}

function formParams(body: unknown): FormParams {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  const params: FormParams = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'))) params[key] = value;
  }
  return params;
}

function parseForm(body: string): FormParams {
  const params: FormParams = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const earlier = params[key];
    params[key] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  return params;
}

function registerRoutes(app: FastifyInstance, ctx: ChannelContext, accounts: () => Account[]): void {
  if (!app.hasContentTypeParser(FORM)) {
    app.addContentTypeParser(FORM, { parseAs: 'string' }, (_request, body, done) => done(null, parseForm(body as string)));
  }

  /** The account and its verified parameters, or null once the reply (404/401) has been sent. */
  async function authenticate(request: FastifyRequest<{ Params: { accountId: string } }>, reply: FastifyReply, hook: string) {
    const account = accounts().find((candidate) => candidate.id === request.params.accountId);
    if (!account) {
      await reply.code(404).send({ error: 'unknown SMS account' });
      return null;
    }
    const params = formParams(request.body);
    const header = request.headers['x-twilio-signature'];
    // Twilio signs the public URL it called; behind a tunnel or proxy the hub sees another host.
    const url = `${account.config.webhookBaseUrl}${request.url}`;
    if (!verifyTwilioSignature(account.config.authToken, url, params, typeof header === 'string' ? header : undefined)) {
      smsWebhookCounters.rejectedSignatures += 1;
      ctx.log.warn({ accountId: account.id, hook, ip: request.ip, reason: header ? 'forged' : 'missing' }, 'SMS webhook signature rejected');
      await ctx.rejected({ channel: 'sms', accountId: account.id, reason: header ? 'forged_signature' : 'missing_signature', ip: request.ip, detail: hook });
      await reply.code(401).send({ error: header ? 'invalid signature' : 'missing X-Twilio-Signature' });
      return null;
    }
    return { account, params };
  }

  async function invalid(reply: FastifyReply, accountId: string, error: z.ZodError, ip: string) {
    smsWebhookCounters.invalidPayloads += 1;
    const reason = z.prettifyError(error);
    ctx.log.warn({ accountId, reason }, 'SMS webhook payload rejected');
    await ctx.rejected({ channel: 'sms', accountId, reason: 'invalid_payload', ip, detail: reason });
    return reply.code(400).send({ error: 'invalid Twilio payload', reason });
  }

  app.post<{ Params: { accountId: string } }>('/webhooks/sms/:accountId/inbound', async (request, reply) => {
    const verified = await authenticate(request, reply, 'inbound');
    if (!verified) return reply;
    let message;
    try {
      message = inboundToMessage(verified.params, verified.account.id);
    } catch (error) {
      if (error instanceof z.ZodError) return invalid(reply, verified.account.id, error, request.ip);
      throw error;
    }
    // Acknowledge only once committed: if ingest fails Twilio gets a 5xx, and nothing is lost silently.
    await ctx.ingest(message);
    return reply.code(200).type('text/xml').send(EMPTY_TWIML);
  });

  app.post<{ Params: { accountId: string } }>('/webhooks/sms/:accountId/status', async (request, reply) => {
    const verified = await authenticate(request, reply, 'status');
    if (!verified) return reply;
    let update;
    try {
      update = statusToUpdate(verified.params);
    } catch (error) {
      if (error instanceof z.ZodError) return invalid(reply, verified.account.id, error, request.ip);
      throw error;
    }
    if (update) await ctx.updateStatus(update);
    return reply.code(200).type('text/xml').send(EMPTY_TWIML);
  });
}

export const smsAdapter: ChannelAdapter<TwilioConfig> = {
  kind: 'sms',
  configSchema: TwilioConfig,
  secretFields: ['authToken'],
  // Twilio queues above a sender's throughput itself; staying under it keeps delivery times honest.
  ratePerSecond: 10,
  registerRoutes,
  testConnection: (account, signal) => checkTwilioAccount(account.config, signal),
  send(account, message) {
    return sendSms(account.config, {
      to: message.to,
      body: message.body,
      statusCallbackUrl: statusCallbackUrl(account),
      idempotencyKey: message.messageId,
    });
  },
};
