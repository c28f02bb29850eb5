// Twilio's webhook signature (X-Twilio-Signature): base64 HMAC-SHA1, keyed with the account's auth token,
// over the full URL Twilio called followed by every POST parameter, sorted by name, as name + value.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Form parameters as parsed from the body: a name repeated in the form gives an array. */
export type FormParams = Record<string, string | string[]>;

export function computeTwilioSignature(authToken: string, url: string, params: FormParams): string {
  let data = url;
  for (const key of Object.keys(params).sort()) {
    const value = params[key]!;
    // Repeated names are signed once per value, values sorted, as Twilio's own libraries do.
    for (const item of Array.isArray(value) ? [...value].sort() : [value]) data += key + item;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function verifyTwilioSignature(authToken: string, url: string, params: FormParams, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(computeTwilioSignature(authToken, url, params));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
