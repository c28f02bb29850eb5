// The brand-voice check on send: the hub lints the reply again with the rule set in force (a desk may
// lint with an older one, or none), holds it while error-level issues remain without a justification,
// and records the check with the sent message so the supervisor's review sees it and the reason given.
import type { LintIssue } from '../../../../../common/api/voice.ts';
import { MIN_JUSTIFICATION_LENGTH, type ReplyVoice, type VoiceBlock } from '../../../../../common/api/voiceRules.ts';
import type { Channel } from '../../../../../common/domain/enums.ts';
import { textLocale } from '../../../../../common/domain/voice/textLocale.ts';
import type { Db } from '../../../db/client.ts';
import { rulesInForce } from '../rules.ts';
import { MAX_STORED_ISSUES } from '../review/prescore.ts';

export interface ReplyCheck {
  ruleSetVersion: number;
  issues: LintIssue[];
  /** The agent's reason, kept only when an error-level issue needed one. */
  justification: string | null;
  /** Set when the reply must not go out as it is. */
  block: VoiceBlock | null;
}

const count = (issues: readonly LintIssue[], severity: LintIssue['severity']) => issues.reduce((n, issue) => n + (issue.severity === severity ? 1 : 0), 0);

export async function checkReply(db: Db, reply: { body: string; channel: Channel; voice?: ReplyVoice | undefined }): Promise<ReplyCheck> {
  const { ruleSet, lint } = await rulesInForce(db);
  const issues = reply.body === '' ? [] : lint(reply.body, { channel: reply.channel, locale: textLocale(reply.body) });
  const errors = issues.filter((issue) => issue.severity === 'error');
  const given = reply.voice?.justification?.trim() ?? '';
  const justified = given.length >= MIN_JUSTIFICATION_LENGTH;
  return {
    ruleSetVersion: ruleSet.version,
    issues,
    justification: errors.length > 0 && justified ? given : null,
    block: errors.length > 0 && !justified ? { ruleSetVersion: ruleSet.version, issues: errors } : null,
  };
}

/** One MessageVoiceCheck per sent reply, in the shape the pre-scoring writes (which then skips it). */
export async function recordReplyCheck(db: Db, check: ReplyCheck, message: { id: string; conversationId: string; agentId: string; channel: Channel; at: Date }): Promise<void> {
  const row = {
    conversationId: message.conversationId,
    agentId: message.agentId,
    channel: message.channel,
    ruleSetVersion: check.ruleSetVersion,
    errors: count(check.issues, 'error'),
    warnings: count(check.issues, 'warning'),
    hints: count(check.issues, 'hint'),
    issues: JSON.stringify(check.issues.slice(0, MAX_STORED_ISSUES)),
    justification: check.justification,
    checkedAt: message.at,
  };
  // The pre-scoring job may have reached the message first; the justification is what it cannot know.
  await db.messageVoiceCheck.upsert({ where: { messageId: message.id }, create: { messageId: message.id, ...row }, update: row });
}
