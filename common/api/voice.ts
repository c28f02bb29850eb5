// Brand voice: the rules a supervisor sets for how the brand writes (with the issues the linter reports
// against them) and the template library agents insert from. Both are versioned wholes: a rule set or a
// template is saved, approved and rolled back as one document, parsed by these schemas at every boundary.
import { z } from 'zod';
import { Channel, Locale } from '../domain/enums.ts';
import { customPatternProblem } from '../domain/voice/pattern.ts';
import { templateVariantIssues } from '../domain/templates/validate.ts';
import { TEMPLATE_VARIABLE_NAMES } from '../domain/templates/variables.ts';

const Id = z.string().trim().min(1).max(100);

// ── Rules ────────────────────────────────────────────────────────────────────────────────────────────

export const VoiceSeverity = z.enum(['hint', 'warning', 'error']);
export type VoiceSeverity = z.infer<typeof VoiceSeverity>;

/** Which messages a rule reads: written in Russian, in English, or either. */
export const VoiceLocaleScope = z.enum(['ru', 'en', 'any']);
export type VoiceLocaleScope = z.infer<typeof VoiceLocaleScope>;

export const VoiceRuleKind = z.enum([
  'formal_address',
  'forbidden_phrase',
  'exclamation_limit',
  'caps_words',
  'emoji',
  'greeting_required',
  'signoff_required',
  'max_length',
  'sensitive_data',
  'custom_pattern',
]);
export type VoiceRuleKind = z.infer<typeof VoiceRuleKind>;

const PATTERN_FLAGS = /^(?!.*(.).*\1)[imsu]*$/;

const Phrase = z.string().trim().min(1).max(100);

/** A phrase to flag and, when there is one, what to write instead (the one-click fix). */
export const PhraseReplacement = z.object({ phrase: Phrase, replacement: z.string().trim().max(100).nullable().default(null) });
export type PhraseReplacement = z.infer<typeof PhraseReplacement>;

const RuleBase = z.object({
  id: Id,
  name: z.string().trim().min(1).max(120),
  severity: VoiceSeverity,
  /** Empty: every channel. */
  channels: z.array(Channel).max(Channel.options.length).default([]),
  locale: VoiceLocaleScope.default('any'),
  enabled: z.boolean().default(true),
});

/** Where a greeting or sign-off must sit: a phrase within `within` characters of the start (or end). */
const RequiredPhrases = {
  phrases: z.array(Phrase).min(1).max(50),
  within: z.number().int().min(0).max(500),
  /** Inserted by the one-click fix; null when the fix should be left to the agent. */
  suggestion: z.string().trim().min(1).max(200).nullable().default(null),
};

export const VoiceRule = z.discriminatedUnion('kind', [
  RuleBase.extend({
    kind: z.literal('formal_address'),
    /** Russian: the brand addresses the customer as capital «Вы»; a lower-case «вы» is then flagged too. */
    capitalVy: z.boolean().default(true),
    /** Casual forms to flag in any language, e.g. "hey" → "Hello", "gonna" → "going to". */
    casual: z.array(PhraseReplacement).max(100).default([]),
  }),
  RuleBase.extend({
    kind: z.literal('forbidden_phrase'),
    /** Matched as whole words, ignoring case and the difference between «ё» and «е». */
    phrases: z.array(PhraseReplacement).min(1).max(500),
  }),
  RuleBase.extend({ kind: z.literal('exclamation_limit'), max: z.number().int().min(0).max(20) }),
  RuleBase.extend({
    kind: z.literal('caps_words'),
    /** Words that are fine in capitals (SMS, NVIDIA, USB); words with digits (RTX4090) always are. */
    allow: z.array(z.string().trim().min(1).max(40)).max(500).default([]),
    /** Shorter capitalised words pass: «Я», "OK", "ID". */
    minLength: z.number().int().min(2).max(20).default(3),
  }),
  RuleBase.extend({ kind: z.literal('emoji'), /** 0: no emoji on the channels in scope. */ max: z.number().int().min(0).max(50) }),
  RuleBase.extend({ kind: z.literal('greeting_required'), ...RequiredPhrases }),
  RuleBase.extend({ kind: z.literal('signoff_required'), ...RequiredPhrases }),
  RuleBase.extend({
    kind: z.literal('max_length'),
    unit: z.enum(['chars', 'sms_segments']).default('chars'),
    max: z.number().int().min(1).max(64_000),
  }),
  RuleBase.extend({
    kind: z.literal('sensitive_data'),
    /** 13–19 digits passing the Luhn check: a bank card number. */
    cards: z.boolean().default(true),
    /** A Russian passport series and number (4 + 6 digits) next to the word «паспорт» / "passport". */
    passports: z.boolean().default(true),
    /** Card-like numbers that are ours, not a bank's: the loyalty programme's Luhn-valid card prefix. */
    ignorePrefixes: z.array(z.string().regex(/^\d{1,8}$/, 'digits only, at most 8')).max(20).default([]),
  }),
  RuleBase.extend({
    kind: z.literal('custom_pattern'),
    pattern: z.string().min(1).max(500),
    /** i (ignore case), m (multiline), s (dot matches newline), u (Unicode) — "g" is implied. */
    flags: z.string().regex(PATTERN_FLAGS, 'flags may only be i, m, s, u, each once').default('iu'),
    /** Shown to the agent as written: the supervisor wrote it for their team. */
    message: z.string().trim().min(1).max(300),
    replacement: z.string().max(200).nullable().default(null),
  }),
]).superRefine((rule, ctx) => {
  // Bad flags are reported on their own field; compiling with them would only repeat that.
  if (rule.kind !== 'custom_pattern' || !PATTERN_FLAGS.test(rule.flags)) return;
  const problem = customPatternProblem(rule.pattern, rule.flags);
  if (problem) ctx.addIssue({ code: 'custom', path: ['pattern'], message: problem });
});
export type VoiceRule = z.infer<typeof VoiceRule>;
export type VoiceRuleInput = z.input<typeof VoiceRule>;
export type VoiceRuleOf<K extends VoiceRuleKind> = Extract<VoiceRule, { kind: K }>;

export const VoiceRuleSet = z
  .object({
    /** Grows by one with every saved change; a desk lints with the version it last received. */
    version: z.number().int().min(1),
    rules: z.array(VoiceRule).max(300),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `rule id "${rule.id}" is used twice` });
      seen.add(rule.id);
    });
  });
export type VoiceRuleSet = z.infer<typeof VoiceRuleSet>;
export type VoiceRuleSetInput = z.input<typeof VoiceRuleSet>;

export const LintFix = z.object({ start: z.number().int().min(0), end: z.number().int().min(0), replacement: z.string() });
export type LintFix = z.infer<typeof LintFix>;

export const LintIssue = z.object({
  ruleId: z.string(),
  kind: VoiceRuleKind,
  severity: VoiceSeverity,
  /** UTF-16 offsets into the linted text: what to underline. */
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  /** i18n key (namespace `voice`) and its interpolation values, so each desk explains it in its own language. */
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** A mechanical correction the agent can apply with one click; null when it needs a person. */
  fix: LintFix.nullable(),
});
export type LintIssue = z.infer<typeof LintIssue>;

export const LintContext = z.object({ channel: Channel, locale: Locale });
export type LintContext = z.infer<typeof LintContext>;

// ── Templates ────────────────────────────────────────────────────────────────────────────────────────

export const TemplateVariableName = z.enum(TEMPLATE_VARIABLE_NAMES);
export type TemplateVariableName = z.infer<typeof TemplateVariableName>;

export const TemplateIssueCode = z.enum(['unclosed_variable', 'stray_close', 'empty_variable', 'unknown_variable', 'over_limit']);
export type TemplateIssueCode = z.infer<typeof TemplateIssueCode>;

/** A problem in a template body or subject, at an exact place an editor can jump to. */
export const TemplateIssue = z.object({
  code: TemplateIssueCode,
  offset: z.number().int().min(0),
  end: z.number().int().min(0),
  /** 1-based, columns in UTF-16 units. */
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  variable: z.string().nullable(),
  message: z.string(),
});
export type TemplateIssue = z.infer<typeof TemplateIssue>;

export const TemplateVariant = z
  .object({
    channel: Channel,
    locale: Locale,
    /** E-mail only, and required there. */
    subject: z.string().trim().max(200).nullable().default(null),
    body: z.string().min(1).max(64_000),
  })
  .superRefine((variant, ctx) => {
    if (variant.channel === 'email' && !variant.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'an e-mail variant needs a subject' });
    if (variant.channel !== 'email' && variant.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'only an e-mail variant has a subject' });
    for (const { field, issue } of templateVariantIssues(variant)) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `line ${issue.line}, column ${issue.column}: ${issue.message}`,
        params: { ...issue },
      });
    }
  });
export type TemplateVariant = z.infer<typeof TemplateVariant>;
export type TemplateVariantInput = z.input<typeof TemplateVariant>;

const Slug = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'lower-case letters, digits and "_", starting with a letter');

export const TemplateDefinition = z
  .object({
    key: Slug,
    name: z.string().trim().min(1).max(120),
    /** "Брони/Уведомления": folders nest with "/". */
    folder: z.string().trim().min(1).max(200).regex(/^[^/]+(\/[^/]+)*$/, 'folder names separated by "/", none empty'),
    tags: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
    variants: z.array(TemplateVariant).min(1).max(20),
  })
  .superRefine((template, ctx) => {
    const seen = new Set<string>();
    template.variants.forEach((variant, i) => {
      const key = `${variant.channel}/${variant.locale}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['variants', i], message: `a second ${variant.channel} variant in ${variant.locale}` });
      seen.add(key);
    });
  });
export type TemplateDefinition = z.infer<typeof TemplateDefinition>;
export type TemplateDefinitionInput = z.input<typeof TemplateDefinition>;
