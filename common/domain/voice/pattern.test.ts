import { describe, expect, it } from 'vitest';
import { customPatternProblem } from './pattern.ts';

describe('customPatternProblem', () => {
  it('accepts ordinary patterns, including repeated groups without repetition inside', () => {
    for (const pattern of ['(?:заказ|товар)\\s+№?\\d{4}', '(RTX)+', '(ab|cd)*x', '[(+*)]+', '\\(\\d+\\)+', 'https?://\\S+']) {
      expect(customPatternProblem(pattern, 'iu'), pattern).toBeNull();
    }
  });

  it('refuses a repeated group that repeats inside, at any depth', () => {
    for (const pattern of ['(a+)+b', '(\\w+\\s?)+$', '((ab)*c)+', '(?:x{1,}y)+', '(a+){2,}']) {
      expect(customPatternProblem(pattern, 'u'), pattern).toMatch(/can freeze the composer/);
    }
  });

  it('explains a pattern that does not compile, or compiles only with other flags', () => {
    expect(customPatternProblem('[a-', 'u')).toMatch(/^not a valid regular expression: /);
    expect(customPatternProblem('\\p{L}', '')).toBeNull();
    expect(customPatternProblem('\\p{Lu', 'u')).toMatch(/^not a valid regular expression: /);
  });

  it('refuses a pattern that matches an empty text', () => {
    expect(customPatternProblem('x?', 'u')).toBe('the pattern matches an empty text, so it would flag every position');
  });
});
