// @vitest-environment jsdom
// A message's files on the timeline: links from attachment.link (signed, short-lived), a lazy thumbnail for
// pictures, and the e-mail frame letting https images through only after "Show images".
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../app/i18n.ts';
import { emailDocument, TimelineItem, type ItemContext } from './timelineItems.tsx';
import { message } from './testData.ts';

const files = [
  { fileName: 'чек.jpg', contentType: 'image/jpeg', size: 2048, sha256: 'a'.repeat(64) },
  { fileName: 'договор.pdf', contentType: 'application/pdf', size: 1_500_000, sha256: 'b'.repeat(64) },
];

function renderItem(ctx: Partial<ItemContext>) {
  const full: ItemContext = { customerName: 'Анна', onRetry: async () => {}, ...ctx };
  return render(
    <I18nextProvider i18n={createI18n('en')}>
      <TimelineItem event={message(1, { attachments: files })} ctx={full} />
    </I18nextProvider>,
  );
}

describe('timeline attachments', () => {
  afterEach(cleanup);

  it('links each file through a signed URL and shows pictures as lazy thumbnails', async () => {
    const attachmentUrl = vi.fn(async (file: { sha256: string; fileName: string }) => `/api/attachments/${file.sha256}?sig=x&name=${encodeURIComponent(file.fileName)}`);
    const { container } = renderItem({ attachmentUrl });
    const list = within(screen.getByRole('list', { name: 'Attachments' }));
    const pdf = await list.findByRole('link', { name: 'Download договор.pdf' });
    expect(pdf.getAttribute('href')).toBe(`/api/attachments/${'b'.repeat(64)}?sig=x&name=${encodeURIComponent('договор.pdf')}`);
    expect(pdf.getAttribute('download')).toBe('договор.pdf');
    await list.findByRole('link', { name: 'Download чек.jpg' });
    const thumbs = container.querySelectorAll('img.tl-thumb');
    expect(thumbs).toHaveLength(1);
    expect(thumbs[0]!.getAttribute('loading')).toBe('lazy');
    expect(thumbs[0]!.getAttribute('src')).toContain('a'.repeat(64));
    expect(attachmentUrl).toHaveBeenCalledTimes(2);
  });

  it('says when the hub refused a link, and still names the file', async () => {
    renderItem({ attachmentUrl: async () => null });
    await waitFor(() => expect(screen.getAllByText(/unavailable/)).toHaveLength(2));
    expect(screen.getByText('договор.pdf')).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('lets https images into the e-mail frame only after "Show images"', () => {
    const html = '<p>Hi</p><img data-remote-src="https://cdn.example/pic.png">';
    expect(emailDocument(html, { showImages: false, showQuoted: true })).not.toMatch(/<img src="https:/);
    expect(emailDocument(html, { showImages: false, showQuoted: true })).toContain("img-src data: cid:;");
    const shown = emailDocument(html, { showImages: true, showQuoted: true });
    expect(shown).toMatch(/<img src="https:\/\/cdn\.example\/pic\.png">/);
    expect(shown).toContain("img-src data: cid: https:;");
  });
});
