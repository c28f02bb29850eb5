/**
 * Fills a template with real values.
 *
 *   import { reservationNoticeTemplate } from './library.ts';   // or templateVariant(defaultTemplate(key), …)
 *   const { subject, body } = reservationNoticeTemplate('ru', 'sms');     // subject: e-mail only, else null
 *   const out = renderTemplate(body, { 'customer.firstName': 'Анна', 'reservation.code': '4821-73', … }, { channel: 'sms' });
 *   if (out.missing.length > 0) … // do not send: out.text still shows {{reservation.code}} where a value is absent
 *   if (out.length.overflowAt !== null) … // over the channel's limit (SMS: 3 segments)
 *   const title = subject && renderTemplate(subject, values, { channel: 'email' }).text;  // the subject has variables too
 *
 * Variable names are in variables.ts (TEMPLATE_VARIABLES).
 *
 * `segments` cut the output into plain text and substituted values (with their offsets in `text`), so a
 * preview can highlight each value and mark the missing ones. Values are the caller's to format (dates in
 * the customer's zone, «2 450» for points); null, undefined and blank strings count as missing.
 *
 * Markup: every channel adapter sends plain text today — Telegram without parse_mode (see
 * main/server/channels/telegram/client.ts), e-mail as text/plain — so values go in as they are; escaping
 * them there would show "&lt;" to the customer. `markup: 'html'` is for a body that is sent as HTML
 * (Telegram parse_mode HTML, an HTML e-mail part): it escapes &, < and > in the values, which is all
 * Telegram's HTML mode and an HTML text node need; the template's own text is left as written.
 */
import type { Channel } from '../enums.ts';
import type { TemplateIssue } from '../../api/voice.ts';
import { CHANNEL_LIMITS, checkLength, type LengthCheck } from './limits.ts';
import { parseTemplate } from './parse.ts';

export type TemplateValues = Readonly<Record<string, string | number | null | undefined>>;

export interface RenderSegment {
  text: string;
  /** Offsets of this piece in the rendered text. */
  start: number;
  end: number;
  /** Set on substituted values; `missing` when no value was given (the text is then the placeholder). */
  variable?: string;
  missing?: boolean;
}

export interface RenderedTemplate {
  text: string;
  /** Variables without a value, each once, in order of appearance. */
  missing: string[];
  segments: RenderSegment[];
  /** The rendered text against the channel's limit (SMS: encoding and segments). */
  length: LengthCheck;
}

export interface RenderOptions {
  channel: Channel;
  markup?: 'plain' | 'html';
}

/** A body that does not parse: templates are checked on save, so this means a bug or an unchecked body. */
export class TemplateSyntaxError extends Error {
  constructor(readonly issues: TemplateIssue[]) {
    const first = issues[0];
    super(first ? `Template syntax: ${first.message} at line ${first.line}, column ${first.column}` : 'Template syntax error');
    this.name = 'TemplateSyntaxError';
  }
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const escapeHtml = (value: string) => value.replace(/[&<>]/g, (c) => HTML_ESCAPES[c] as string);

// A value is one phrase inside a sentence: line breaks in, say, an address would break the layout of an
// SMS, and control characters have no business in a message.
// Tabs and line breaks are spacing, handled below; every other C0 control and DEL is dropped.
const CONTROL = /(?![\t\n\r])\p{Cc}/gu;
const flatten = (value: string) =>
  value
    .replace(CONTROL, '')
    .replace(/([,;:]?)\s*[\r\n]+\s*/g, (_, punctuation: string) => `${punctuation || ','} `)
    .trim();

export function renderTemplate(body: string, values: TemplateValues, options: RenderOptions): RenderedTemplate {
  const parsed = parseTemplate(body);
  if (!parsed.ok) throw new TemplateSyntaxError(parsed.issues);

  const segments: RenderSegment[] = [];
  const missing = new Set<string>();
  let text = '';
  const push = (piece: string, extra: Pick<RenderSegment, 'variable' | 'missing'> = {}) => {
    segments.push({ text: piece, start: text.length, end: text.length + piece.length, ...extra });
    text += piece;
  };

  for (const token of parsed.tokens) {
    if (token.kind === 'text') {
      push(token.text);
      continue;
    }
    const raw = values[token.name];
    const value = raw === null || raw === undefined ? '' : flatten(String(raw));
    if (value === '') {
      missing.add(token.name);
      push(`{{${token.name}}}`, { variable: token.name, missing: true });
    } else {
      push(options.markup === 'html' ? escapeHtml(value) : value, { variable: token.name });
    }
  }
  return { text, missing: [...missing], segments, length: checkLength(text, CHANNEL_LIMITS[options.channel]) };
}
