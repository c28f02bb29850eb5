// The public inbound API (/api/v1): what outside systems (the shop backend, a CRM, a call tracker) send and
// get back. These schemas validate requests and are also the source of the served OpenAPI document, so the
// descriptions and examples here are what integrators read.
import { z } from 'zod';
import { normalizeIdentity } from '../domain/contacts.ts';
import { IdentityKind } from '../domain/enums.ts';
import { isTimeZone } from '../domain/time.ts';
import { AppError } from '../result.ts';
import { MAX_BODY_LENGTH } from './channels.ts';

export const ApiScope = z.enum(['messages:write', 'customers:write', 'stock:write']);
export type ApiScope = z.infer<typeof ApiScope>;

/** Longest Idempotency-Key header accepted. */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** A contact value must normalise for its kind (phones to E.164, RU by default), or the request is refused
 *  with the field named instead of being stored unreachable. */
const validIdentity = <T extends { kind: IdentityKind; value: string }>(identity: T, ctx: z.core.$RefinementCtx<T>) => {
  if (!normalizeIdentity(identity.kind, identity.value)) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: `not a valid ${identity.kind}`, input: identity.value });
  }
};

export const ApiSender = z
  .object({
    kind: IdentityKind,
    value: z.string().trim().min(1).max(320).meta({ description: 'Phone in any common format, e-mail, chat id or card number', example: '+7 912 345-67-89' }),
    displayName: z.string().trim().max(200).optional().meta({ example: 'Анна Смирнова' }),
  })
  .superRefine(validIdentity);

export const ApiMessageInput = z
  .object({
    source: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .optional()
      .meta({ description: 'Label of the sending system, kept with the message (the channel is always "api")', example: 'shop-callback-form' }),
    externalId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .meta({ description: "Your id of this message; sending it again is answered with duplicate: true and stores nothing", example: 'form-2026-000123' }),
    from: ApiSender,
    body: z.string().min(1).max(MAX_BODY_LENGTH * 4).meta({ description: 'Plain text; longer than 64,000 characters is stored truncated', example: 'Здравствуйте! Где мой заказ 1024-55?' }),
    subject: z.string().max(500).optional(),
    sentAt: z.iso.datetime({ offset: true }).optional().meta({ description: 'When the customer sent it; the time of receipt when absent', example: '2026-11-23T10:15:00+03:00' }),
    meta: z.record(z.string(), z.unknown()).optional().meta({ description: 'Your extra fields, kept with the message (JSON)' }),
  })
  .meta({ description: 'A message from a customer, delivered into the shared inbox' });
export type ApiMessageInput = z.infer<typeof ApiMessageInput>;

export const ApiMessageAccepted = z
  .object({
    messageId: z.string(),
    conversationId: z.string(),
    customerId: z.string(),
    duplicate: z.boolean().meta({ description: 'True when this externalId was already accepted: nothing new was stored' }),
  })
  .meta({ description: 'Stored durably before this answer was sent' });
export type ApiMessageAccepted = z.infer<typeof ApiMessageAccepted>;

const nameField = z.string().trim().min(1).max(80);

export const ApiIdentityInput = z
  .object({
    kind: IdentityKind,
    value: z.string().trim().min(1).max(320).meta({ example: '8 (912) 345-67-89' }),
    optedOut: z.boolean().optional().meta({ description: 'The customer refused marketing on this contact; unchanged when absent' }),
  })
  .superRefine(validIdentity);
export type ApiIdentityInput = z.infer<typeof ApiIdentityInput>;

export const ApiCustomerUpsert = z
  .object({
    externalRef: z.string().trim().min(1).max(100).optional().meta({ description: 'Your id of the customer, echoed back and kept in the audit trail', example: 'crm-88123' }),
    firstName: nameField.meta({ example: 'Анна' }),
    lastName: nameField.meta({ example: 'Смирнова' }),
    middleName: z.string().trim().max(80).optional().meta({ example: 'Сергеевна' }),
    city: z.string().trim().max(80).optional().meta({ example: 'Екатеринбург' }),
    timeZone: z.string().refine(isTimeZone, 'unknown time zone').optional().meta({ description: 'IANA time zone', example: 'Asia/Yekaterinburg' }),
    consentService: z.boolean().optional().meta({ description: 'Consent to service messages (152-FZ); unchanged when absent' }),
    consentMarketing: z.boolean().optional().meta({ description: 'Consent to marketing; unchanged when absent' }),
    identities: z
      .array(ApiIdentityInput)
      .min(1)
      .max(20)
      .superRefine((identities, ctx) => {
        const seen = new Set<string>();
        identities.forEach((identity, index) => {
          const key = `${identity.kind}:${normalizeIdentity(identity.kind, identity.value)}`;
          if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'value'], message: 'duplicate of another entry', input: identity.value });
          seen.add(key);
        });
      })
      .meta({ description: 'The customer is found by an exact match on any of these; missing ones are added' }),
  })
  .meta({ description: 'Creates a customer, or updates the one that owns any of the given contacts' });
export type ApiCustomerUpsert = z.infer<typeof ApiCustomerUpsert>;

export const ApiCustomerResult = z
  .object({
    customerId: z.string(),
    created: z.boolean(),
    identitiesAdded: z.number().int().nonnegative(),
    externalRef: z.string().optional(),
  })
  .meta({ description: 'The customer the contacts now belong to' });
export type ApiCustomerResult = z.infer<typeof ApiCustomerResult>;

export const ApiError = AppError.meta({ description: 'fields name the offending request fields (dotted paths) where there are any' });

export const ApiErrorResponse = z.object({ error: ApiError });
export type ApiErrorResponse = z.infer<typeof ApiErrorResponse>;

// Key management, for the admin screen and its commands.

export const ApiKeyCreateInput = z.object({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(ApiScope).min(1),
});
export type ApiKeyCreateInput = z.input<typeof ApiKeyCreateInput>;

export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  /** The first characters of the key: enough to tell keys apart, useless to an attacker. */
  prefix: z.string(),
  scopes: z.array(ApiScope),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const ApiKeyCreated = z.object({
  /** The plaintext key: shown once, never stored. */
  key: z.string(),
  apiKey: ApiKeyView,
});
export type ApiKeyCreated = z.infer<typeof ApiKeyCreated>;
