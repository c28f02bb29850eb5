// Twilio's wire formats (form-encoded webhooks, REST JSON) and their mapping onto our channel contract.
import { z } from 'zod';
import type { InboundMessage, StatusUpdate } from '../../../../common/api/channels.ts';

const MessageSid = z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'a Message SID is "SM" or "MM" followed by 32 hex digits');

export const TwilioInbound = z.object({
  MessageSid,
  AccountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
  From: z.string().min(1).max(64),
  To: z.string().min(1).max(64),
  // Twilio sends Body even when empty (an MMS with only a picture).
  Body: z.string().default(''),
  NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  NumSegments: z.coerce.number().int().min(1).optional(),
});
export type TwilioInbound = z.output<typeof TwilioInbound>;

export const TwilioMessageStatus = z.enum([
  'accepted',
  'scheduled',
  'canceled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'receiving',
  'received',
  'read',
]);
export type TwilioMessageStatus = z.infer<typeof TwilioMessageStatus>;

export const TwilioStatusCallback = z.object({
  MessageSid,
  MessageStatus: TwilioMessageStatus,
  ErrorCode: z.string().regex(/^\d+$/).optional(),
  ErrorMessage: z.string().max(500).optional(),
});
export type TwilioStatusCallback = z.output<typeof TwilioStatusCallback>;

/** The Message resource the REST API answers a send with. */
export const TwilioSendResponse = z.object({
  sid: MessageSid,
  status: TwilioMessageStatus,
  error_code: z.number().int().nullable().optional(),
  error_message: z.string().nullable().optional(),
  num_segments: z.string().optional(),
});
export type TwilioSendResponse = z.output<typeof TwilioSendResponse>;

/** The Account resource (GET /2010-04-01/Accounts/{Sid}.json): what Test connection reads. */
export const TwilioAccountResource = z.object({
  sid: z.string(),
  friendly_name: z.string(),
  status: z.enum(['active', 'suspended', 'closed']),
});

/** The error body of any REST failure. */
export const TwilioErrorResponse = z.object({
  code: z.number().int().nullable().optional(),
  message: z.string().optional(),
  status: z.number().int().optional(),
});

// Twilio's callbacks carry only the code; agents need to read why a message did not arrive.
const ERROR_DESCRIPTIONS: Record<string, string> = {
  '21610': 'recipient has unsubscribed (replied STOP)',
  '30003': 'unreachable destination handset',
  '30004': 'message blocked',
  '30005': 'unknown destination handset',
  '30006': 'landline or unreachable carrier',
  '30007': 'filtered by the carrier',
  '30008': 'unknown error',
};

export function describeTwilioError(code: string | number | undefined | null, message?: string | null): string {
  const text = message || (code != null ? ERROR_DESCRIPTIONS[String(code)] : undefined) || 'no reason given';
  return code != null ? `Twilio ${code}: ${text}` : `Twilio: ${text}`;
}

/** Parameters Twilio numbers MediaUrl0 … MediaUrl9 for an MMS. */
function mediaUrls(params: Record<string, unknown>, count: number): string[] {
  const urls: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const url = params[`MediaUrl${i}`];
    if (typeof url === 'string') urls.push(url);
  }
  return urls;
}

export function inboundToMessage(params: Record<string, unknown>, accountId: string): InboundMessage {
  const inbound = TwilioInbound.parse(params);
  return {
    channel: 'sms',
    channelAccountId: accountId,
    providerMessageId: inbound.MessageSid,
    from: { kind: 'phone', value: inbound.From },
    body: inbound.Body,
    meta: {
      to: inbound.To,
      accountSid: inbound.AccountSid,
      optOut: isOptOut(inbound.Body),
      ...(inbound.NumMedia > 0 ? { mediaUrls: mediaUrls(params, inbound.NumMedia) } : {}),
      ...(inbound.NumSegments ? { numSegments: inbound.NumSegments } : {}),
    },
  };
}

/** Our status for a Twilio callback, or null for the steps before "sent" that the outbox already shows as queued. */
export function statusToUpdate(params: Record<string, unknown>): StatusUpdate | null {
  const callback = TwilioStatusCallback.parse(params);
  const base = { channel: 'sms' as const, providerMessageId: callback.MessageSid };
  switch (callback.MessageStatus) {
    case 'sent':
    case 'delivered':
    case 'read':
      return { ...base, status: callback.MessageStatus };
    case 'undelivered':
    case 'failed':
      return { ...base, status: 'failed', failureReason: describeTwilioError(callback.ErrorCode, callback.ErrorMessage) };
    case 'canceled':
      return { ...base, status: 'failed', failureReason: 'Twilio: canceled before sending' };
    default:
      return null;
  }
}

// Twilio's own opt-out words plus the Russian ones our customers write.
const OPT_OUT_KEYWORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE', 'СТОП', 'ОТПИСКА', 'ОТПИСАТЬСЯ']);

/** The whole message is an opt-out keyword (trailing punctuation tolerated): "Stop", " стоп! ", "Отписка." */
export function isOptOut(body: string): boolean {
  const word = body
    .trim()
    .replace(/[.!\s]+$/u, '')
    .toUpperCase();
  return OPT_OUT_KEYWORDS.has(word);
}
