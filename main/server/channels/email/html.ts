// Customer HTML is hostile until proven otherwise: the desk shows it in a sandboxed frame, and this keeps
// only inert markup. Remote images are tracking beacons as often as pictures, so they reach the desk as
// `data-remote-src` and load only when the agent allows them.
import sanitizeHtml from 'sanitize-html';

const REMOTE = /^(https?:)?\/\//i;

export interface SanitizedHtml {
  html: string;
  remoteImages: number;
}

export function sanitizeEmailHtml(dirty: string): SanitizedHtml {
  let remoteImages = 0;
  const html = sanitizeHtml(dirty, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center'],
    // No style attributes or <style>: CSS url() would load remote content past the image blocking.
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      img: ['src', 'data-remote-src', 'alt', 'title', 'width', 'height'],
      font: ['color', 'size', 'face'],
      td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
      th: ['colspan', 'rowspan', 'align', 'valign', 'width'],
      table: ['width', 'align', 'border', 'cellpadding', 'cellspacing'],
      '*': ['dir', 'lang'],
    },
    // Inline images travel as cid: parts of the same message or data: URLs; neither reaches the network.
    allowedSchemesByTag: { img: ['cid', 'data'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowProtocolRelative: false,
    transformTags: {
      img: (tagName, attribs) => {
        const { src, ...rest } = attribs;
        if (src && REMOTE.test(src)) {
          remoteImages += 1;
          return { tagName, attribs: { ...rest, 'data-remote-src': src.startsWith('//') ? `https:${src}` : src } };
        }
        // Only the sanitizer's own rewrite may set it: a sender's data-remote-src would bypass the count.
        delete rest['data-remote-src'];
        return { tagName, attribs: src === undefined ? rest : { ...rest, src } };
      },
      a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
    },
  });
  return { html, remoteImages };
}
