// How long a message may be on each channel, and where a text goes over. SMS is counted in segments (each
// one is billed), everything else in UTF-16 code units, which is how Telegram and our own inputs count.
import { MAX_BODY_LENGTH } from '../../api/channels.ts';
import type { Channel } from '../enums.ts';
import { smsSegments, type SmsSegments } from '../sms.ts';

export type ChannelLimit = { unit: 'segments'; max: number } | { unit: 'chars'; max: number };

export const CHANNEL_LIMITS: Record<Channel, ChannelLimit> = {
  // Three segments is what a notice may cost; longer news belongs in a messenger or an e-mail.
  sms: { unit: 'segments', max: 3 },
  // Bot API refuses sendMessage text over 4096 characters.
  telegram: { unit: 'chars', max: 4096 },
  // More than a screenful does not read as chat in the widget.
  webchat: { unit: 'chars', max: 2000 },
  email: { unit: 'chars', max: MAX_BODY_LENGTH },
  api: { unit: 'chars', max: MAX_BODY_LENGTH },
};

/** E-mail subject lines longer than this are cut by most mail clients' lists anyway. */
export const MAX_SUBJECT_LENGTH = 200;

export interface LengthCheck {
  limit: ChannelLimit;
  /** Characters, or for SMS the segments the text takes. */
  used: number;
  /** SMS only: encoding and segments, as the composer shows them. */
  sms: SmsSegments | null;
  /** UTF-16 offset of the first character past the limit; null when the text fits. */
  overflowAt: number | null;
}

export function checkLength(text: string, limit: ChannelLimit): LengthCheck {
  if (limit.unit === 'chars') {
    return { limit, used: text.length, sms: null, overflowAt: text.length > limit.max ? limit.max : null };
  }
  const sms = smsSegments(text);
  return { limit, used: sms.segments, sms, overflowAt: sms.segments > limit.max ? smsOverflowAt(text, sms, limit.max) : null };
}

/**
 * Where the segment after `maxSegments` starts: the text's characters laid into segments the way
 * smsSegments does (a character never straddles two), each costing what it costs in the whole text's
 * encoding — a GSM-7 character's septets as smsSegments counts them alone, a UCS-2 one its UTF-16 units.
 * Only called for a text over the limit, so it has several segments of `whole.perSegment` units each;
 * a limit of one segment is the larger single-message capacity instead (160 or 70, as smsSegments says for
 * a one-character text in that encoding).
 */
function smsOverflowAt(text: string, whole: SmsSegments, maxSegments: number): number {
  const single = smsSegments(whole.encoding === 'UCS-2' ? 'Ж' : 'a').perSegment;
  const capacity = maxSegments === 1 ? single : whole.perSegment;
  const septets = new Map<string, number>();
  const costOf = (char: string) => {
    if (whole.encoding === 'UCS-2') return char.length;
    let cost = septets.get(char);
    if (cost === undefined) septets.set(char, (cost = smsSegments(char).units));
    return cost;
  };
  let segments = 1;
  let used = 0;
  let offset = 0;
  for (const char of text) {
    const cost = costOf(char);
    if (used + cost > capacity) {
      segments += 1;
      used = 0;
      if (segments > maxSegments) return offset;
    }
    used += cost;
    offset += char.length;
  }
  return text.length;
}
