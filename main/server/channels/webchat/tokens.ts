// Stateless visitor tokens: the visitor id signed with the account's secret, kept in the visitor's
// localStorage. Nothing is stored on the hub until the visitor writes, and a forged id cannot read
// someone else's history.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Hex, not base64url: ingest lower-cases webchat identities, and the outbox addresses replies to that
// lower-cased value, so the id must survive lower-casing unchanged.
const VISITOR_ID = /^[0-9a-f]{32}$/;

export const isVisitorId = (value: string) => VISITOR_ID.test(value);

export function newVisitorId(): string {
  return randomBytes(16).toString('hex');
}

const sign = (secret: string, visitorId: string) => createHmac('sha256', secret).update(visitorId).digest();

export function issueVisitorToken(secret: string, visitorId: string): string {
  return `${visitorId}.${sign(secret, visitorId).toString('base64url')}`;
}

/** The visitor id the token was issued for, or null when it is malformed or not signed with this secret. */
export function verifyVisitorToken(secret: string, token: string): string | null {
  const [visitorId, signature, extra] = token.split('.');
  if (!visitorId || !signature || extra !== undefined || !isVisitorId(visitorId)) return null;
  // Compared as text: decoding would ignore the spare bits of the last character and accept variants.
  const given = Buffer.from(signature);
  const expected = Buffer.from(sign(secret, visitorId).toString('base64url'));
  return given.length === expected.length && timingSafeEqual(given, expected) ? visitorId : null;
}
