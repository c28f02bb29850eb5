// A template filled with one customer's real data, for the composer's "/" and the editor's preview.
// Agents render approved versions only; authors and reviewers may render any version, or the text they
// are still editing. Rendering reads the customer, so it is audited like opening the profile — as a read
// without contact data, since no contact ever goes into a template.
import type { RenderedText, TemplateRendered } from '../../../../../common/api/templates.ts';
import { TemplateDraftText } from '../../../../../common/api/templates.ts';
import type { Channel, Locale } from '../../../../../common/domain/enums.ts';
import { templateVariant } from '../../../../../common/domain/templates/library.ts';
import { parseTemplate } from '../../../../../common/domain/templates/parse.ts';
import { renderTemplate, type RenderedTemplate } from '../../../../../common/domain/templates/render.ts';
import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { forbidden, notFound, ServiceError } from '../../../errors.ts';
import { audit } from '../../audit/audit.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { assertTemplateReader, parseTags, parseVariants, seesDrafts } from './library.ts';
import { customerValues } from './values.ts';

export interface RenderRequest {
  templateId?: string | undefined;
  versionId?: string | undefined;
  draft?: z.output<typeof TemplateDraftText> | undefined;
  customerId: string;
  conversationId?: string | undefined;
  channel: Channel;
  locale: Locale;
}

const CHANNEL_NAMES: Record<Channel, string> = { email: 'e-mail', sms: 'SMS', telegram: 'Telegram', webchat: 'web chat', api: 'API' };

export async function renderForCustomer(db: Db, viewer: Viewer, input: RenderRequest, now: Date): Promise<TemplateRendered> {
  assertTemplateReader(viewer);
  const source = await sourceText(db, viewer, input);
  const values = await customerValues(db, viewer, { customerId: input.customerId, conversationId: input.conversationId, locale: input.locale, now });
  await audit(db, viewer, {
    action: 'customer.read_masked',
    subjectType: 'customer',
    subjectId: input.customerId,
    details: { via: 'template.render', templateId: source.templateId, version: source.version },
  });

  const body = renderTemplate(source.body, values, { channel: input.channel });
  const subject = input.channel === 'email' && source.subject ? renderTemplate(source.subject, values, { channel: input.channel }) : null;
  const sms = body.length.sms;
  return {
    templateId: source.templateId,
    version: source.version,
    channel: input.channel,
    locale: input.locale,
    subject: subject && present(subject),
    body: present(body),
    missing: [...new Set([...(subject?.missing ?? []), ...body.missing])],
    sms: sms ? { encoding: sms.encoding, segments: sms.segments, chars: Array.from(body.text).length } : null,
    overLimit: body.length.overflowAt !== null,
  };
}

const present = (rendered: RenderedTemplate): RenderedText => ({
  text: rendered.text,
  segments: rendered.segments.map((s) => ({ text: s.text, variable: s.variable ?? null, missing: s.missing ?? false })),
});

interface SourceText {
  templateId: string | null;
  version: number | null;
  subject: string | null;
  body: string;
}

async function sourceText(db: Db, viewer: Viewer, input: RenderRequest): Promise<SourceText> {
  if (input.draft) {
    if (!seesDrafts(viewer)) throw forbidden('Only template authors preview unsaved text');
    // A draft is half-written by nature: say where it breaks rather than render something misleading.
    for (const [field, text] of [['draft.body', input.draft.body], ['draft.subject', input.draft.subject ?? '']] as const) {
      const parsed = parseTemplate(text);
      if (!parsed.ok) {
        throw new ServiceError('BAD_REQUEST', 'The text does not parse yet', parsed.issues.map((i) => ({ path: field, message: `line ${i.line}, column ${i.column}: ${i.message}` })));
      }
    }
    return { templateId: null, version: null, subject: input.draft.subject, body: input.draft.body };
  }

  const template = await db.template.findUnique({ where: { id: input.templateId ?? '' } });
  if (!template) throw notFound('Template');
  const drafts = seesDrafts(viewer);
  if (input.versionId && !drafts) throw forbidden('Agents use the approved version of a template');
  const versionId = input.versionId ?? template.approvedVersionId;
  // Agents never see an archived template; authors may still preview one.
  if (!versionId || (template.archived && !drafts)) throw new ServiceError('NOT_FOUND', `"${template.name}" has no approved version to use yet`);
  const version = await db.templateVersion.findFirst({ where: { id: versionId, templateId: template.id } });
  if (!version) throw notFound('Template version');

  const definition = { key: template.key, name: template.name, folder: template.folder, tags: parseTags(template.tags), variants: parseVariants(version.variants) };
  const variant = templateVariant(definition, input.channel, input.locale);
  if (!variant) throw new ServiceError('NOT_FOUND', `"${template.name}" has no ${CHANNEL_NAMES[input.channel]} variant in ${input.locale === 'ru' ? 'Russian' : 'English'}`);
  return { templateId: template.id, version: version.version, subject: variant.subject, body: variant.body };
}
