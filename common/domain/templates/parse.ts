// Template syntax: text with {{variable.name}} placeholders (spaces inside the braces allowed). Single
// braces are plain text. A placeholder stays on one line, so a missing "}}" is reported where it was
// opened rather than at some later "}}" that belongs to another placeholder.
import type { TemplateIssue, TemplateIssueCode, TemplateVariableName } from '../../api/voice.ts';
import { lineColumn } from './position.ts';
import { isTemplateVariable } from './variables.ts';

export type TemplateToken =
  | { kind: 'text'; text: string; start: number; end: number }
  /** start/end cover the whole placeholder, braces included. */
  | { kind: 'variable'; name: TemplateVariableName; start: number; end: number };

export type ParsedTemplate = { ok: true; tokens: TemplateToken[] } | { ok: false; issues: TemplateIssue[] };

const OPEN = '{{';
const CLOSE = '}}';

const MESSAGES: Record<TemplateIssueCode, (variable: string | null) => string> = {
  unclosed_variable: () => '"{{" is not closed by "}}" on the same line',
  stray_close: () => '"}}" has no "{{" before it',
  empty_variable: () => '"{{}}" names no variable',
  unknown_variable: (variable) => `unknown variable "${variable}"`,
  over_limit: () => 'the text is over the channel limit',
};

export function templateIssue(text: string, code: TemplateIssueCode, offset: number, end: number, variable: string | null = null): TemplateIssue {
  return { code, offset, end, ...lineColumn(text, offset), variable, message: MESSAGES[code](variable) };
}

/** Tokens of `text`, or every syntax problem with its exact position. */
export function parseTemplate(text: string): ParsedTemplate {
  const tokens: TemplateToken[] = [];
  const issues: TemplateIssue[] = [];
  let textStart = 0;
  let at = 0;

  const flushText = (end: number) => {
    if (end > textStart) tokens.push({ kind: 'text', text: text.slice(textStart, end), start: textStart, end });
  };

  while (at < text.length) {
    const open = text.indexOf(OPEN, at);
    const strayClose = text.indexOf(CLOSE, at);
    if (strayClose !== -1 && (open === -1 || strayClose < open)) {
      issues.push(templateIssue(text, 'stray_close', strayClose, strayClose + CLOSE.length));
      at = strayClose + CLOSE.length;
      continue;
    }
    if (open === -1) break;

    const close = text.indexOf(CLOSE, open + OPEN.length);
    const lineEnd = text.indexOf('\n', open);
    const reopened = text.indexOf(OPEN, open + OPEN.length);
    const closesInTime = close !== -1 && (lineEnd === -1 || close < lineEnd) && (reopened === -1 || close < reopened);
    if (!closesInTime) {
      issues.push(templateIssue(text, 'unclosed_variable', open, lineEnd === -1 ? text.length : lineEnd));
      at = open + OPEN.length;
      continue;
    }

    const end = close + CLOSE.length;
    const name = text.slice(open + OPEN.length, close).trim();
    if (name === '') {
      issues.push(templateIssue(text, 'empty_variable', open, end));
    } else if (!isTemplateVariable(name)) {
      issues.push(templateIssue(text, 'unknown_variable', open, end, name));
    } else {
      flushText(open);
      tokens.push({ kind: 'variable', name, start: open, end });
      textStart = end;
    }
    at = end;
  }

  if (issues.length > 0) return { ok: false, issues };
  flushText(text.length);
  return { ok: true, tokens };
}
