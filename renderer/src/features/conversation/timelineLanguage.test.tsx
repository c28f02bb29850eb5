// @vitest-environment jsdom
// Rows take i18n from the provider rather than useTranslation (see useRowT): a memoised row must still
// follow a language change.
import { act, cleanup, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../app/i18n.ts';
import { TimelineItem, type ItemContext } from './timelineItems.tsx';
import { message } from './testData.ts';

const ctx: ItemContext = { customerName: 'Анна', onRetry: async () => {} };

describe('timeline rows and the language', () => {
  afterEach(cleanup);

  it('re-renders a row in the new language', async () => {
    const i18n = createI18n('ru');
    render(
      <I18nextProvider i18n={i18n}>
        <TimelineItem event={message(1)} ctx={ctx} />
      </I18nextProvider>,
    );
    expect(screen.getByText('клиент')).toBeTruthy();
    await act(() => i18n.changeLanguage('en'));
    expect(screen.getByText('customer')).toBeTruthy();
  });
});
