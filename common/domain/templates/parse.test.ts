import { describe, expect, it } from 'vitest';
import { parseTemplate } from './parse.ts';

const issuesOf = (text: string) => {
  const parsed = parseTemplate(text);
  if (parsed.ok) throw new Error(`expected issues for ${JSON.stringify(text)}`);
  return parsed.issues.map(({ code, offset, end, line, column, variable }) => ({ code, offset, end, line, column, variable }));
};

describe('parseTemplate', () => {
  it('splits text and variables with their offsets, spaces inside the braces allowed', () => {
    expect(parseTemplate('Здравствуйте, {{customer.firstName}}! Код: {{ reservation.code }}.')).toEqual({
      ok: true,
      tokens: [
        { kind: 'text', text: 'Здравствуйте, ', start: 0, end: 14 },
        { kind: 'variable', name: 'customer.firstName', start: 14, end: 36 },
        { kind: 'text', text: '! Код: ', start: 36, end: 43 },
        { kind: 'variable', name: 'reservation.code', start: 43, end: 65 },
        { kind: 'text', text: '.', start: 65, end: 66 },
      ],
    });
  });

  it('reads single braces and an empty text as plain text', () => {
    expect(parseTemplate('{a} } {')).toEqual({ ok: true, tokens: [{ kind: 'text', text: '{a} } {', start: 0, end: 7 }] });
    expect(parseTemplate('')).toEqual({ ok: true, tokens: [] });
  });

  it('reports an unknown variable with its line and column', () => {
    expect(issuesOf('Hello,\n  {{customer.fristName}} and {{agent.firstName}}')).toEqual([
      { code: 'unknown_variable', offset: 9, end: 31, line: 2, column: 3, variable: 'customer.fristName' },
    ]);
  });

  it('reports "{{" left open, at the place it was opened, even when a later line closes another', () => {
    expect(issuesOf('Код {{reservation.code\nМагазин {{store.name}}')).toEqual([
      { code: 'unclosed_variable', offset: 4, end: 22, line: 1, column: 5, variable: null },
    ]);
    expect(issuesOf('Код {{reservation.code')).toEqual([{ code: 'unclosed_variable', offset: 4, end: 22, line: 1, column: 5, variable: null }]);
  });

  it('reports "{{" reopened before it closes', () => {
    expect(issuesOf('{{store.name {{store.address}}')[0]).toEqual({ code: 'unclosed_variable', offset: 0, end: 30, line: 1, column: 1, variable: null });
  });

  it('reports a stray "}}" and an empty "{{ }}"', () => {
    expect(issuesOf('Hello}} {{ }}')).toEqual([
      { code: 'stray_close', offset: 5, end: 7, line: 1, column: 6, variable: null },
      { code: 'empty_variable', offset: 8, end: 13, line: 1, column: 9, variable: null },
    ]);
  });

  it('reports every problem in one pass, in order, with a readable message', () => {
    const parsed = parseTemplate('{{x}} }} {{');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((i) => i.code)).toEqual(['unknown_variable', 'stray_close', 'unclosed_variable']);
    expect(parsed.issues[0]?.message).toBe('unknown variable "x"');
  });
});
