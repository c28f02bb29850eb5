// What the composer decides before a send, kept pure: quiet hours in the customer's local time, the
// warnings the agent must confirm, and the draft that is saved on the hub.
import type { ConversationDetail, Draft, SendWarning } from '../../../../common/api/desk.ts';
import type { Channel } from '../../../../common/domain/enums.ts';
import { zonedParts } from '../../../../common/domain/time.ts';

export type ComposerMode = 'reply' | 'note';
export type ReplyChannel = ConversationDetail['replyChannels'][number];

/** "21:00" → 1260; null when it is not a clock time. */
export function clockMinutes(value: string): number | null {
  const match = /^(\d{1,2}):(\d{2})/.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59) return null;
  return (hours * 60 + minutes) % (24 * 60);
}

/** Inside quiet hours at `now` in the customer's zone; a range like 21:00–09:00 wraps past midnight. */
export function inQuietHours(now: Date, timeZone: string, quiet: { start: string; end: string }): boolean {
  const start = clockMinutes(quiet.start);
  const end = clockMinutes(quiet.end);
  if (start === null || end === null || start === end) return false;
  let minutes: number;
  try {
    minutes = zonedParts(now, timeZone).minutes;
  } catch {
    return false;
  }
  return start < end ? minutes >= start && minutes < end : minutes >= start || minutes < end;
}

/** The warnings the desk can see for itself before a send (the hub adds another_agent_replied). */
export function localWarnings(channel: ReplyChannel | undefined, now: Date, detail: Pick<ConversationDetail, 'customerTimeZone' | 'quietHours'>): SendWarning[] {
  const warnings: SendWarning[] = [];
  if (channel?.optedOut) warnings.push('opted_out');
  if (channel?.blocked) warnings.push('blocked');
  if (inQuietHours(now, detail.customerTimeZone, detail.quietHours)) warnings.push('quiet_hours');
  return warnings;
}

export interface ComposerDraft {
  mode: ComposerMode;
  channel: Channel | null;
  body: string;
  subject: string;
}

/** The draft to store, or null when there is nothing worth keeping. */
export function draftToSave(draft: ComposerDraft): Omit<Draft, 'updatedAt'> | null {
  if (!draft.body.trim() && !draft.subject.trim()) return null;
  return { mode: draft.mode, channel: draft.channel, body: draft.body, subject: draft.subject.trim() ? draft.subject : null };
}

/** The composer's starting point: the saved draft, else a reply in the default channel. */
export function initialDraft(detail: Pick<ConversationDetail, 'draft' | 'defaultChannel' | 'replyChannels'>): ComposerDraft {
  const usable = (channel: Channel | null | undefined) => (channel && detail.replyChannels.some((c) => c.channel === channel) ? channel : null);
  const fallback = usable(detail.defaultChannel) ?? detail.replyChannels.find((c) => !c.blocked && !c.optedOut)?.channel ?? detail.replyChannels[0]?.channel ?? null;
  const saved = detail.draft;
  if (!saved) return { mode: 'reply', channel: fallback, body: '', subject: '' };
  return { mode: saved.mode, channel: usable(saved.channel) ?? fallback, body: saved.body, subject: saved.subject ?? '' };
}

export const sameDraft = (a: ComposerDraft, b: ComposerDraft) =>
  a.mode === b.mode && a.channel === b.channel && a.body === b.body && a.subject === b.subject;
