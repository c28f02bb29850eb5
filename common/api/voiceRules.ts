// The commands around the brand-voice rule set: read the version in force, save a new one, list and
// restore earlier ones, and what a reply blocked by the rules answers. The rules themselves are
// VoiceRule / VoiceRuleSet in ./voice.ts; a saved set is checked whole by VoiceRuleSet on the hub.
import { z } from 'zod';
import { LintIssue, VoiceRule } from './voice.ts';

const Version = z.number().int().min(1);

/** A reason shorter than this is no reason: the reply stays blocked. */
export const MIN_JUSTIFICATION_LENGTH = 5;

const Note = z.string().trim().max(300).nullish();

export const VoiceRulesSaveInput = z.object({
  rules: z.array(VoiceRule).max(300),
  /** Why this change, shown in the history. */
  note: Note,
  /** The version the editor started from: a save over someone else's newer version is refused, not lost. */
  expectedVersion: Version,
});
export type VoiceRulesSaveInput = z.input<typeof VoiceRulesSaveInput>;

export const VoiceRulesRestoreInput = z.object({
  version: Version,
  /** Written by the desk in its user's language ("Restored version 3"). */
  note: Note,
  /** When given, a restore over a version the supervisor has not seen is refused like a save. */
  expectedVersion: Version.optional(),
});
export type VoiceRulesRestoreInput = z.input<typeof VoiceRulesRestoreInput>;

export const VoiceRulesVersionSummary = z.object({
  version: Version,
  savedAt: z.iso.datetime(),
  /** null: the rule set the workspace started with. */
  savedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  note: z.string().nullable(),
  ruleCount: z.number().int().min(0),
});
export type VoiceRulesVersionSummary = z.infer<typeof VoiceRulesVersionSummary>;

/** What the agent attaches to a reply: the rule set they saw, and why they send despite an error. */
export const ReplyVoice = z.object({
  ruleSetVersion: Version,
  justification: z.string().trim().max(500).nullish(),
});
export type ReplyVoice = z.infer<typeof ReplyVoice>;

/** A reply the hub did not send: error-level issues remain and no justification came with it. */
export const VoiceBlock = z.object({ ruleSetVersion: Version, issues: z.array(LintIssue) });
export type VoiceBlock = z.infer<typeof VoiceBlock>;

/** Pushed to desks that work conversations when a new version is in force. */
export interface VoiceRulesChanged {
  version: number;
}
