// Writing the library: every save of changed text is a new version that waits for a supervisor's review,
// while agents keep using the version approved before it. The name, folder and tags only organise the
// library and never reach a customer, so they change at once, without a new version. The variants were
// checked by the template engine when the input was parsed (unknown variables, broken braces, text over
// a channel's limit are refused there with their line and column).
import type { TemplateDetail } from '../../../../../common/api/templates.ts';
import type { TemplateDefinition } from '../../../../../common/api/voice.ts';
import type { Db } from '../../../db/client.ts';
import { notFound, ServiceError } from '../../../errors.ts';
import { audit } from '../../audit/audit.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { isUniqueViolation } from '../../inboundApi/idempotency.ts';
import { getTemplate, parseVariants } from './library.ts';

export type TemplateSave = TemplateDefinition & { id?: string | undefined };

/** Variants compared as stored: the same text saved twice is one version, not two to review. */
const sameVariants = (a: string, b: string) => JSON.stringify(parseVariants(a)) === JSON.stringify(parseVariants(b));

export async function saveTemplate(db: Db, viewer: Viewer, input: TemplateSave): Promise<TemplateDetail> {
  const variants = JSON.stringify(input.variants);
  const tags = JSON.stringify(input.tags);
  const meta = { name: input.name, folder: input.folder, tags };

  const saved = await db.$transaction(async (tx) => {
    const written = await writeVersion(tx, viewer, input, { variants, meta });
    await audit(tx, viewer, {
      action: 'template.save',
      subjectType: 'template',
      subjectId: written.templateId,
      details: { key: input.key, version: written.version, newVersion: written.newVersion, variants: input.variants.map((v) => `${v.channel}/${v.locale}`) },
    });
    return written;
  }).catch((error: unknown) => {
    // Two authors saving the same template at once both chose the next number; the second tries again.
    if (isUniqueViolation(error)) throw new ServiceError('CONFLICT', 'The template was saved by someone else at the same moment; reload it and save again');
    throw error;
  });
  return getTemplate(db, viewer, saved.templateId);
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
interface Written {
  templateId: string;
  version: number;
  newVersion: boolean;
}

async function writeVersion(tx: Tx, viewer: Viewer, input: TemplateSave, { variants, meta }: { variants: string; meta: { name: string; folder: string; tags: string } }): Promise<Written> {
  if (!input.id) {
    if (await tx.template.findUnique({ where: { key: input.key }, select: { id: true } })) {
      throw new ServiceError('CONFLICT', `A template with the key "${input.key}" already exists`, [{ path: 'key', message: 'already used by another template' }]);
    }
    const template = await tx.template.create({ data: { key: input.key, ...meta } });
    const version = await tx.templateVersion.create({ data: { templateId: template.id, version: 1, variants, status: 'pending', createdById: viewer.userId } });
    return { templateId: template.id, version: version.version, newVersion: true };
  }

  const template = await tx.template.findUnique({ where: { id: input.id }, include: { versions: { orderBy: { version: 'desc' }, take: 1 } } });
  if (!template) throw notFound('Template');
  // The hub and the agents' "/" find a template by its key; renaming it would silently cut them off.
  if (template.key !== input.key) throw new ServiceError('BAD_REQUEST', 'The key of a template cannot change', [{ path: 'key', message: `stays "${template.key}"` }]);
  await tx.template.update({ where: { id: template.id }, data: meta });
  const latest = template.versions[0];
  // Nothing new to review: the text already waits or is already live (after a rejection, the live text is
  // the approved version's).
  const current = latest?.status === 'rejected' && template.approvedVersionId ? await tx.templateVersion.findUnique({ where: { id: template.approvedVersionId } }) : latest;
  if (current && current.status !== 'rejected' && sameVariants(current.variants, variants)) {
    return { templateId: template.id, version: current.version, newVersion: false };
  }
  const version = await tx.templateVersion.create({
    data: { templateId: template.id, version: (latest?.version ?? 0) + 1, variants, status: 'pending', createdById: viewer.userId },
  });
  return { templateId: template.id, version: version.version, newVersion: true };
}
