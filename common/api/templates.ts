// The template library over the wire: listing and reading it, saving a new version (checked by the
// template engine, so a broken placeholder or an over-long SMS is refused with its line and column),
// the supervisor's review, archiving, and rendering a template with one customer's real data.
import { z } from 'zod';
import { Channel, Locale } from '../domain/enums.ts';
import type { SmsEncoding } from '../domain/sms.ts';
import { TemplateDefinition, TemplateVariant } from './voice.ts';

const Id = z.string().trim().min(1).max(100);

/** draft is reserved in the schema; every save today is pending until a supervisor reviews it. */
export const TemplateVersionStatus = z.enum(['draft', 'pending', 'approved', 'rejected']);
export type TemplateVersionStatus = z.infer<typeof TemplateVersionStatus>;

export const TemplateListInput = z.object({
  /** Matches the name, the key and the tags, ignoring case and «ё». */
  q: z.string().trim().max(100).optional(),
  /** A folder and everything below it. */
  folder: z.string().trim().min(1).max(200).optional(),
  tag: z.string().trim().min(1).max(50).optional(),
  /** Only templates with a variant for this channel (the composer's). */
  channel: Channel.optional(),
  /** Authors see templates whose only versions still wait for review (and archived ones); agents never do. */
  includePending: z.boolean().default(false),
});
export type TemplateListInput = z.input<typeof TemplateListInput>;

export interface PersonRef {
  id: string;
  name: string;
}

/** Which channel and locale pairs a version has a variant for. */
export interface VariantKey {
  channel: Channel;
  locale: Locale;
}

export interface TemplateSummary {
  id: string;
  key: string;
  name: string;
  folder: string;
  tags: string[];
  archived: boolean;
  /** The version agents use; null until one is approved. */
  approvedVersion: number | null;
  /** The newest version and where its review stands (authors see it; agents see the approved one). */
  latestVersion: number;
  latestStatus: TemplateVersionStatus;
  /** Variants of the version this viewer works with: the approved one for agents, the latest for authors. */
  variants: VariantKey[];
  updatedAt: string;
}

export interface TemplateVersionView {
  id: string;
  version: number;
  status: TemplateVersionStatus;
  /** A pending version with a newer one after it: only the newest can be reviewed. */
  superseded: boolean;
  variants: TemplateVariant[];
  createdBy: PersonRef | null;
  createdAt: string;
  reviewedBy: PersonRef | null;
  reviewedAt: string | null;
  reviewNote: string | null;
}

export interface TemplateDetail extends TemplateSummary {
  /** Newest first. Agents get the approved version only. */
  versions: TemplateVersionView[];
}

/** A new template (no id) or a new version of one; the key of an existing template never changes. */
export const TemplateSaveInput = TemplateDefinition.safeExtend({ id: Id.optional() });
export type TemplateSaveInput = z.input<typeof TemplateSaveInput>;

export const TemplateReviewInput = z
  .object({
    versionId: Id,
    decision: z.enum(['approve', 'reject']),
    note: z.string().trim().max(1000).nullable().default(null),
  })
  .refine((review) => review.decision === 'approve' || !!review.note, { path: ['note'], message: 'say what to change when rejecting' });
export type TemplateReviewInput = z.input<typeof TemplateReviewInput>;

export const TemplateArchiveInput = z.object({ id: Id, archived: z.boolean() });
export type TemplateArchiveInput = z.input<typeof TemplateArchiveInput>;

export const TemplateGetInput = z.object({ id: Id });
export type TemplateGetInput = z.input<typeof TemplateGetInput>;

/** Text being edited, previewed before it is saved (authors only). */
export const TemplateDraftText = z.object({ subject: z.string().max(500).nullable().default(null), body: z.string().min(1).max(64_000) });

export const TemplateRenderInput = z
  .object({
    templateId: Id.optional(),
    /** Authors may preview any version; without it, the approved one. */
    versionId: Id.optional(),
    draft: TemplateDraftText.optional(),
    customerId: Id,
    /** The conversation the text goes to: its agent signs it. */
    conversationId: Id.optional(),
    channel: Channel,
    locale: Locale,
  })
  .refine((input) => (input.templateId === undefined) !== (input.draft === undefined), { path: ['templateId'], message: 'give a template or a draft text, not both' });
export type TemplateRenderInput = z.input<typeof TemplateRenderInput>;

/** One piece of rendered text: plain template text, a filled value, or a value the customer does not have. */
export interface RenderedSegment {
  text: string;
  variable: string | null;
  missing: boolean;
}

export interface RenderedText {
  text: string;
  segments: RenderedSegment[];
}

export interface TemplateRendered {
  templateId: string | null;
  version: number | null;
  channel: Channel;
  locale: Locale;
  subject: RenderedText | null;
  body: RenderedText;
  /** Variables without a value for this customer, each once: left as {{placeholders}} in the text. */
  missing: string[];
  /** SMS only: what the filled text costs. `chars` counts characters as the customer sees them. */
  sms: { encoding: SmsEncoding; segments: number; chars: number } | null;
  /** The filled text is over the channel's limit (3 SMS segments, 4096 Telegram characters …). */
  overLimit: boolean;
}

/** Pushed when a template or its versions change: desks showing the library or a picker fetch it again. */
export interface TemplatesChanged {
  templateId: string;
  key: string;
}
