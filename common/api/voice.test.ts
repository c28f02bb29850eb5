import { describe, expect, it } from 'vitest';
import { TemplateDefinition, TemplateVariant, VoiceRule, VoiceRuleSet } from './voice.ts';

const base = { id: 'r1', name: 'Rule', severity: 'warning' } as const;

const issuesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) ?? [];

describe('VoiceRule', () => {
  it('fills the common defaults: every channel, any locale, enabled', () => {
    expect(VoiceRule.parse({ ...base, kind: 'exclamation_limit', max: 1 })).toEqual({ ...base, kind: 'exclamation_limit', max: 1, channels: [], locale: 'any', enabled: true });
  });

  it('rejects a broken regular expression on save, with the engine’s reason at the pattern', () => {
    const result = VoiceRule.safeParse({ ...base, kind: 'custom_pattern', pattern: '(руб', message: 'Знак ₽' });
    expect(issuesOf(result)).toEqual([{ path: 'pattern', message: expect.stringMatching(/^not a valid regular expression: .*(unterminated|missing \)).*/i) }]);
  });

  it('rejects a pattern that matches an empty text, and one with nested quantifiers', () => {
    expect(issuesOf(VoiceRule.safeParse({ ...base, kind: 'custom_pattern', pattern: 'a*', message: 'm' }))).toEqual([
      { path: 'pattern', message: 'the pattern matches an empty text, so it would flag every position' },
    ]);
    expect(issuesOf(VoiceRule.safeParse({ ...base, kind: 'custom_pattern', pattern: '(a+)+b', message: 'm' }))[0]?.message).toMatch(/can freeze the composer/);
  });

  it('accepts only i, m, s, u as flags, each once', () => {
    expect(VoiceRule.safeParse({ ...base, kind: 'custom_pattern', pattern: 'x', flags: 'ims', message: 'm' }).success).toBe(true);
    for (const flags of ['g', 'ii', 'y']) {
      expect(issuesOf(VoiceRule.safeParse({ ...base, kind: 'custom_pattern', pattern: 'x', flags, message: 'm' }))).toEqual([
        { path: 'flags', message: 'flags may only be i, m, s, u, each once' },
      ]);
    }
  });

  it('rejects an unknown kind, an unknown channel and an empty phrase list', () => {
    expect(VoiceRule.safeParse({ ...base, kind: 'tone' }).success).toBe(false);
    expect(issuesOf(VoiceRule.safeParse({ ...base, kind: 'emoji', max: 0, channels: ['fax'] }))[0]?.path).toBe('channels.0');
    expect(issuesOf(VoiceRule.safeParse({ ...base, kind: 'forbidden_phrase', phrases: [] }))[0]?.path).toBe('phrases');
  });
});

describe('VoiceRuleSet', () => {
  it('rejects the same rule id twice', () => {
    const rule = { ...base, kind: 'emoji', max: 0 };
    expect(issuesOf(VoiceRuleSet.safeParse({ version: 1, rules: [rule, rule] }))).toEqual([{ path: 'rules.1.id', message: 'rule id "r1" is used twice' }]);
  });
});

describe('TemplateVariant', () => {
  it('rejects an unknown variable with its exact line and column', () => {
    const result = TemplateVariant.safeParse({ channel: 'telegram', locale: 'ru', body: 'Здравствуйте!\nКод: {{reservation.kod}}' });
    expect(issuesOf(result)).toEqual([{ path: 'body', message: 'line 2, column 6: unknown variable "reservation.kod"' }]);
    const issue = result.error?.issues[0];
    expect(issue && 'params' in issue ? issue.params : null).toMatchObject({ code: 'unknown_variable', offset: 19, line: 2, column: 6 });
  });

  it('rejects unbalanced braces in the subject too', () => {
    expect(issuesOf(TemplateVariant.safeParse({ channel: 'email', locale: 'en', subject: 'Order {{order.number', body: 'Hello' }))).toEqual([
      { path: 'subject', message: 'line 1, column 7: "{{" is not closed by "}}" on the same line' },
    ]);
  });

  it('requires a subject for e-mail and refuses one elsewhere', () => {
    expect(issuesOf(TemplateVariant.safeParse({ channel: 'email', locale: 'ru', body: 'Текст' }))).toEqual([{ path: 'subject', message: 'an e-mail variant needs a subject' }]);
    expect(issuesOf(TemplateVariant.safeParse({ channel: 'sms', locale: 'ru', subject: 'Тема', body: 'Текст' }))).toEqual([{ path: 'subject', message: 'only an e-mail variant has a subject' }]);
  });

  it('rejects an SMS over three segments at the template position where the fourth starts', () => {
    // 3 × 67 UCS-2 units fit; "{{store.name}}" renders as the 14-character sample «Ампер Тверская».
    const body = `{{store.name}}${'я'.repeat(200)}`;
    const result = TemplateVariant.safeParse({ channel: 'sms', locale: 'ru', body });
    expect(issuesOf(result)).toEqual([{ path: 'body', message: 'line 1, column 202: the text is over the channel limit' }]);
    // Rendered offset 201 is 187 characters into the text after the 14-character placeholder value.
    expect(body.charAt(201)).toBe('я');
  });

  it('accepts a valid variant as is', () => {
    const variant = { channel: 'webchat', locale: 'en', subject: null, body: 'Hello {{customer.firstName}}!' } as const;
    expect(TemplateVariant.parse(variant)).toEqual(variant);
  });
});

describe('TemplateDefinition', () => {
  it('rejects two variants for the same channel and locale, and a malformed folder', () => {
    const variant = { channel: 'sms', locale: 'ru', body: 'Текст' };
    const result = TemplateDefinition.safeParse({ key: 'notice', name: 'Уведомление', folder: 'Брони//Старые', variants: [variant, variant] });
    expect(issuesOf(result)).toEqual([
      { path: 'folder', message: 'folder names separated by "/", none empty' },
      { path: 'variants.1', message: 'a second sms variant in ru' },
    ]);
  });
});
