// The template editor's form, kept pure: what it starts from, what it sends, and what the engine in
// common/ says about each variant while it is typed (problems with their line and column, and for SMS
// the encoding and segments the text will cost once filled).
import type { TemplateDetail, TemplateSaveInput, TemplateVersionView } from '../../../../common/api/templates.ts';
import type { TemplateIssue } from '../../../../common/api/voice.ts';
import { Channel, Locale } from '../../../../common/domain/enums.ts';
import { CHANNEL_LIMITS } from '../../../../common/domain/templates/limits.ts';
import { parseTemplate } from '../../../../common/domain/templates/parse.ts';
import { renderTemplate } from '../../../../common/domain/templates/render.ts';
import { templateVariantIssues } from '../../../../common/domain/templates/validate.ts';
import { sampleValues } from '../../../../common/domain/templates/variables.ts';
import type { SmsEncoding } from '../../../../common/domain/sms.ts';

export interface VariantForm {
  channel: Channel;
  locale: Locale;
  subject: string;
  body: string;
}

export interface EditorForm {
  id: string | null;
  key: string;
  name: string;
  folder: string;
  /** As typed: comma-separated. */
  tags: string;
  variants: VariantForm[];
}

export const emptyForm = (): EditorForm => ({ id: null, key: '', name: '', folder: '', tags: '', variants: [{ channel: 'telegram', locale: 'ru', subject: '', body: '' }] });

/** The editor starts from the newest version: that is what the next one changes. */
export function formFrom(detail: TemplateDetail, version: TemplateVersionView | undefined = detail.versions[0]): EditorForm {
  return {
    id: detail.id,
    key: detail.key,
    name: detail.name,
    folder: detail.folder,
    tags: detail.tags.join(', '),
    variants: (version?.variants ?? []).map((v) => ({ channel: v.channel, locale: v.locale, subject: v.subject ?? '', body: v.body })),
  };
}

export function saveInput(form: EditorForm): TemplateSaveInput {
  return {
    ...(form.id ? { id: form.id } : {}),
    key: form.key.trim(),
    name: form.name.trim(),
    folder: form.folder.trim(),
    tags: [...new Set(form.tags.split(',').map((tag) => tag.trim()).filter(Boolean))],
    variants: form.variants.map((v) => ({ channel: v.channel, locale: v.locale, subject: v.channel === 'email' ? v.subject.trim() || null : null, body: v.body })),
  };
}

/** Every channel × locale pair, in the order the tabs show them. */
export const VARIANT_SLOTS: Array<{ channel: Channel; locale: Locale }> = Locale.options.flatMap((locale) =>
  (['email', 'sms', 'telegram', 'webchat'] as const).map((channel) => ({ channel, locale })),
);

export const variantKey = (v: { channel: Channel; locale: Locale }) => `${v.channel}/${v.locale}`;

export interface FieldIssue {
  field: 'subject' | 'body';
  issue: TemplateIssue;
}

/** What the engine refuses in this variant, as the hub would. */
export function variantProblems(variant: VariantForm): FieldIssue[] {
  return templateVariantIssues({ channel: variant.channel, locale: variant.locale, subject: variant.subject || null, body: variant.body });
}

export type LengthInfo =
  | { unit: 'segments'; encoding: SmsEncoding; segments: number; chars: number; max: number }
  | { unit: 'chars'; chars: number; max: number };

/** The length once filled with sample values; null while the text does not parse. */
export function variantLength(variant: VariantForm): LengthInfo | null {
  if (!parseTemplate(variant.body).ok) return null;
  const rendered = renderTemplate(variant.body, sampleValues(variant.locale), { channel: variant.channel });
  const limit = CHANNEL_LIMITS[variant.channel];
  const { sms } = rendered.length;
  if (sms) return { unit: 'segments', encoding: sms.encoding, segments: sms.segments, chars: Array.from(rendered.text).length, max: limit.max };
  return { unit: 'chars', chars: rendered.text.length, max: limit.max };
}
