// Reading the template library as each role may see it. Agents get approved versions of templates that
// are not archived, nothing else; authors and reviewers see every version with where its review stands.
// A library holds hundreds of templates at most, so a list reads them whole and filters in memory.
import type { TemplateDetail, TemplateListInput, TemplateSummary, TemplateVersionView } from '../../../../../common/api/templates.ts';
import { TemplateVersionStatus as VersionStatus } from '../../../../../common/api/templates.ts';
import { TemplateVariant } from '../../../../../common/api/voice.ts';
import type { Channel, Locale } from '../../../../../common/domain/enums.ts';
import { can } from '../../../../../common/domain/policy.ts';
import { foldForSearch } from '../../../../../common/domain/text.ts';
import { templateVariant } from '../../../../../common/domain/templates/library.ts';
import { renderTemplate, type TemplateValues } from '../../../../../common/domain/templates/render.ts';
import type { Db } from '../../../db/client.ts';
import { forbidden, notFound } from '../../../errors.ts';
import type { Logger } from '../../../logger.ts';
import type { Viewer } from '../../auth/viewer.ts';

/** Authors write versions, reviewers approve them: both see the whole history. */
export const seesDrafts = (viewer: Pick<Viewer, 'role'>) => can(viewer.role, 'templates.author') || can(viewer.role, 'voice.manage');

/** Templates are read by those who insert them (conversations.read) and those who write or review them. */
export function assertTemplateReader(viewer: Pick<Viewer, 'role'>): void {
  if (!can(viewer.role, 'conversations.read') && !seesDrafts(viewer)) throw forbidden();
}

type TemplateRow = NonNullable<Awaited<ReturnType<typeof loadTemplate>>>;
type VersionRow = TemplateRow['versions'][number];

function loadTemplate(db: Db, id: string) {
  return db.template.findUnique({ where: { id }, include: { versions: { orderBy: { version: 'desc' } } } });
}

/** Stored JSON is parsed again on the way out: a row edited by hand must not reach a customer unchecked. */
export function parseVariants(json: string): TemplateVariant[] {
  return TemplateVariant.array().parse(JSON.parse(json));
}

export function parseTags(json: string): string[] {
  const tags: unknown = JSON.parse(json);
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

async function peopleNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, displayName: true } });
  return new Map(users.map((u) => [u.id, u.displayName]));
}

/** The versions a viewer may see, newest first. */
function visibleVersions(viewer: Viewer, template: TemplateRow): VersionRow[] {
  if (seesDrafts(viewer)) return template.versions;
  return template.versions.filter((v) => v.id === template.approvedVersionId);
}

/** The summary, and the variants it was made from (a list filters on them). */
function summary(viewer: Viewer, template: TemplateRow): { item: TemplateSummary; variants: TemplateVariant[] } | null {
  const latest = template.versions[0];
  const approved = template.versions.find((v) => v.id === template.approvedVersionId) ?? null;
  const shown = seesDrafts(viewer) ? latest : approved;
  if (!latest || !shown) return null;
  const variants = parseVariants(shown.variants);
  const item: TemplateSummary = {
    id: template.id,
    key: template.key,
    name: template.name,
    folder: template.folder,
    tags: parseTags(template.tags),
    archived: template.archived,
    approvedVersion: approved?.version ?? null,
    latestVersion: latest.version,
    latestStatus: VersionStatus.parse(latest.status),
    variants: variants.map((v) => ({ channel: v.channel, locale: v.locale })),
    updatedAt: template.updatedAt.toISOString(),
  };
  return { item, variants };
}

function matches({ item, variants }: { item: TemplateSummary; variants: TemplateVariant[] }, input: TemplateListInput): boolean {
  if (input.folder && item.folder !== input.folder && !item.folder.startsWith(`${input.folder}/`)) return false;
  if (input.tag && !item.tags.includes(input.tag)) return false;
  if (input.channel) {
    const channel = input.channel;
    // The same fallback rendering uses (an API reply reads like a web chat message).
    const has = (locale: Locale) => templateVariant({ ...item, variants }, channel, locale) !== null;
    if (!has('ru') && !has('en')) return false;
  }
  if (input.q) {
    const haystack = foldForSearch([item.name, item.key, item.folder, ...item.tags].join(' '));
    if (!haystack.includes(foldForSearch(input.q))) return false;
  }
  return true;
}

export async function listTemplates(db: Db, viewer: Viewer, input: TemplateListInput): Promise<TemplateSummary[]> {
  assertTemplateReader(viewer);
  if (input.includePending && !seesDrafts(viewer)) throw forbidden('Only template authors and reviewers see versions waiting for approval');
  const rows = await db.template.findMany({
    where: input.includePending ? {} : { archived: false, approvedVersionId: { not: null } },
    include: { versions: { orderBy: { version: 'desc' } } },
    orderBy: [{ folder: 'asc' }, { name: 'asc' }],
  });
  return rows.flatMap((row) => {
    const shown = summary(viewer, row);
    return shown && matches(shown, input) ? [shown.item] : [];
  });
}

/** One template with the versions the viewer may see. Agents are refused a template with no approved version. */
export async function getTemplate(db: Db, viewer: Viewer, id: string): Promise<TemplateDetail> {
  assertTemplateReader(viewer);
  const template = await loadTemplate(db, id);
  if (!template) throw notFound('Template');
  if (!seesDrafts(viewer) && (template.archived || !template.approvedVersionId)) throw notFound('Template');
  const shown = summary(viewer, template);
  if (!shown) throw notFound('Template');
  const versions = visibleVersions(viewer, template);
  const names = await peopleNames(db, versions.flatMap((v) => [v.createdById, v.reviewedById]));
  const person = (userId: string | null) => (userId ? { id: userId, name: names.get(userId) ?? '' } : null);
  const latest = template.versions[0]?.version;
  return {
    ...shown.item,
    versions: versions.map(
      (v): TemplateVersionView => ({
        id: v.id,
        version: v.version,
        status: VersionStatus.parse(v.status),
        superseded: v.status === 'pending' && v.version !== latest,
        variants: parseVariants(v.variants),
        createdBy: person(v.createdById),
        createdAt: v.createdAt.toISOString(),
        reviewedBy: person(v.reviewedById),
        reviewedAt: v.reviewedAt?.toISOString() ?? null,
        reviewNote: v.reviewNote,
      }),
    ),
  };
}

/**
 * The approved variant of the template `key` for a message the hub writes itself (the reservation notice),
 * when it can be filled from `values`. Null — the caller then uses its built-in text — when there is no
 * approved, unarchived version with such a variant, or when the approved wording needs a value this
 * message does not have or runs over the channel's limit: a customer never gets a {{placeholder}}.
 */
export async function approvedVariant(
  deps: { db: Db; log: Logger },
  { key, channel, locale, values }: { key: string; channel: Channel; locale: Locale; values: TemplateValues },
): Promise<TemplateVariant | null> {
  const template = await deps.db.template.findUnique({ where: { key }, select: { archived: true, approvedVersionId: true, name: true, folder: true } });
  if (!template || template.archived || !template.approvedVersionId) return null;
  const version = await deps.db.templateVersion.findUnique({ where: { id: template.approvedVersionId }, select: { variants: true } });
  if (!version) return null;
  const variant = templateVariant({ key, name: template.name, folder: template.folder, tags: [], variants: parseVariants(version.variants) }, channel, locale);
  if (!variant) return null;
  const body = renderTemplate(variant.body, values, { channel });
  const missing = [...body.missing, ...(variant.subject ? renderTemplate(variant.subject, values, { channel }).missing : [])];
  if (missing.length > 0 || body.length.overflowAt !== null) {
    deps.log.warn({ key, channel, locale, missing, overLimit: body.length.overflowAt !== null }, 'approved template cannot be filled here; the built-in text is sent');
    return null;
  }
  return variant;
}
