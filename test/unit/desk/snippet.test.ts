// Snippets keep the original letters while matching the way the index does (case, ё/е).
import { describe, expect, it } from 'vitest';
import { SNIPPET_LENGTH, buildSnippet } from '../../../main/server/services/desk/snippet.ts';

const marked = ({ snippet, highlights }: ReturnType<typeof buildSnippet>) => highlights.map(([a, b]) => snippet.slice(a, b));

describe('buildSnippet', () => {
  it('finds ё written as е and capitals written small, and keeps the original text', () => {
    const result = buildSnippet('Здравствуйте! Где мой Ёжик? ёжик потерялся', 'ежик');
    expect(result.snippet).toBe('Здравствуйте! Где мой Ёжик? ёжик потерялся');
    expect(marked(result)).toEqual(['Ёжик', 'ёжик']);
  });

  it('cuts long text around the first match, with ellipses, and offsets into the cut text', () => {
    const body = `${'а'.repeat(300)} заказ номер 42 ${'б'.repeat(300)}`;
    const result = buildSnippet(body, 'ЗАКАЗ');
    expect(result.snippet.startsWith('…')).toBe(true);
    expect(result.snippet.endsWith('…')).toBe(true);
    expect(result.snippet.length).toBe(SNIPPET_LENGTH + 2);
    expect(marked(result)).toEqual(['заказ']);
  });

  it('shows line breaks as spaces without moving offsets', () => {
    const result = buildSnippet('Добрый день\nномер заказа', 'день номер');
    expect(result.snippet).toBe('Добрый день номер заказа');
    expect(marked(result)).toEqual(['день номер']);
  });

  it('keeps emoji whole at the edges and falls back to the start when the text does not match', () => {
    const body = `${'😀'.repeat(100)}`;
    const result = buildSnippet(body, 'нет такого');
    expect(result.highlights).toEqual([]);
    expect(result.snippet.endsWith('…')).toBe(true);
    expect([...result.snippet.slice(0, -1)].every((ch) => ch === '😀')).toBe(true);
  });
});
