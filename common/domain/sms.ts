// SMS encoding and segment counting (3GPP TS 23.038 / 23.040), so the composer can show what a reply
// will cost before it is sent. Pure: used by the desk and the hub alike.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSegments {
  encoding: SmsEncoding;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Capacity of each segment: a concatenated message loses room to its user data header. */
  perSegment: number;
  /** Units left in the last segment before another one is started. */
  remainingInSegment: number;
}

const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// Reached through the escape septet, hence two septets each.
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

const LIMITS = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const;

function gsm7Cost(char: string): number | null {
  if (GSM7_BASIC.has(char)) return 1;
  if (GSM7_EXTENSION.has(char)) return 2;
  return null;
}

export function smsSegments(text: string): SmsSegments {
  // Code points, not UTF-16 units: a character is never split across two segments (an escape pair in
  // GSM-7, a surrogate pair in UCS-2), which is how handsets and Twilio count.
  const chars = Array.from(text);
  const gsmCosts = chars.map(gsm7Cost);
  const encoding: SmsEncoding = gsmCosts.every((cost) => cost !== null) ? 'GSM-7' : 'UCS-2';
  const costs = encoding === 'GSM-7' ? (gsmCosts as number[]) : chars.map((char) => char.length);
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const limits = LIMITS[encoding];

  if (units <= limits.single) {
    const segments = units === 0 ? 0 : 1;
    return { encoding, units, segments, perSegment: limits.single, remainingInSegment: limits.single - units };
  }

  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > limits.multi) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, units, segments, perSegment: limits.multi, remainingInSegment: limits.multi - used };
}
