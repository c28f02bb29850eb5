// What makes a template variant unsavable: broken placeholders, unknown variables, or a text that would
// go over its channel's limit once filled. Lengths are measured on the variant rendered with the sample
// values, since a placeholder's own length says nothing about what it becomes; the position reported is
// still the one in the template the supervisor is editing.
import type { Channel, Locale } from '../enums.ts';
import type { TemplateIssue } from '../../api/voice.ts';
import { CHANNEL_LIMITS, checkLength, MAX_SUBJECT_LENGTH, type ChannelLimit } from './limits.ts';
import { parseTemplate, templateIssue, type TemplateToken } from './parse.ts';
import { renderTemplate, type RenderSegment } from './render.ts';
import { sampleValues } from './variables.ts';

export interface VariantToCheck {
  channel: Channel;
  locale: Locale;
  subject?: string | null;
  body: string;
}

export interface VariantIssue {
  field: 'subject' | 'body';
  issue: TemplateIssue;
}

export function templateVariantIssues(variant: VariantToCheck): VariantIssue[] {
  const issues: VariantIssue[] = textIssues(variant.body, variant, CHANNEL_LIMITS[variant.channel]).map((issue) => ({ field: 'body', issue }));
  if (variant.subject) {
    const subjectLimit: ChannelLimit = { unit: 'chars', max: MAX_SUBJECT_LENGTH };
    issues.push(...textIssues(variant.subject, variant, subjectLimit).map((issue): VariantIssue => ({ field: 'subject', issue })));
  }
  return issues;
}

function textIssues(text: string, variant: VariantToCheck, limit: ChannelLimit): TemplateIssue[] {
  const parsed = parseTemplate(text);
  if (!parsed.ok) return parsed.issues;
  const rendered = renderTemplate(text, sampleValues(variant.locale), { channel: variant.channel });
  const { overflowAt } = checkLength(rendered.text, limit);
  if (overflowAt === null) return [];
  const at = templateOffset(parsed.tokens, rendered.segments, overflowAt);
  return [templateIssue(text, 'over_limit', at, text.length)];
}

/** The template offset of a rendered one: segments and tokens correspond one to one. */
function templateOffset(tokens: TemplateToken[], segments: RenderSegment[], renderedOffset: number): number {
  const index = segments.findIndex((segment) => renderedOffset < segment.end);
  const token = tokens[index];
  const segment = segments[index];
  if (!token || !segment) return tokens.at(-1)?.end ?? 0;
  return token.kind === 'text' ? token.start + (renderedOffset - segment.start) : token.start;
}
