// The supervisor's review. Approving makes a version the one agents use; rejecting leaves the version
// approved before it live. Only the newest version can be reviewed — approving an older one would undo
// edits written after it. Four eyes: nobody approves a version they wrote themselves (they may still
// reject it, which is how an author withdraws it).
import type { TemplateDetail } from '../../../../../common/api/templates.ts';
import type { Db } from '../../../db/client.ts';
import { forbidden, notFound, ServiceError } from '../../../errors.ts';
import { audit } from '../../audit/audit.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { getTemplate } from './library.ts';

export interface Review {
  versionId: string;
  decision: 'approve' | 'reject';
  note: string | null;
}

export async function reviewVersion(db: Db, viewer: Viewer, review: Review, now: Date): Promise<TemplateDetail> {
  const templateId = await db.$transaction(async (tx) => {
    const version = await tx.templateVersion.findUnique({ where: { id: review.versionId }, include: { template: { select: { id: true, key: true, archived: true } } } });
    if (!version) throw notFound('Template version');
    if (version.status !== 'pending') throw new ServiceError('CONFLICT', `Version ${version.version} is already ${version.status}`);
    const newer = await tx.templateVersion.count({ where: { templateId: version.templateId, version: { gt: version.version } } });
    if (newer > 0) throw new ServiceError('CONFLICT', `Version ${version.version} was replaced by a newer version; review that one`);
    if (review.decision === 'approve' && version.template.archived) throw new ServiceError('CONFLICT', 'Restore the template from the archive before approving it');
    if (review.decision === 'approve' && version.createdById === viewer.userId) throw forbidden('You wrote this version: another reviewer must approve it');

    const status = review.decision === 'approve' ? 'approved' : 'rejected';
    // Guarded by the status, so two reviewers deciding at once cannot both win.
    const { count } = await tx.templateVersion.updateMany({
      where: { id: version.id, status: 'pending' },
      data: { status, reviewedById: viewer.userId, reviewedAt: now, reviewNote: review.note },
    });
    if (count === 0) throw new ServiceError('CONFLICT', `Version ${version.version} was reviewed by someone else just now`);
    if (status === 'approved') await tx.template.update({ where: { id: version.templateId }, data: { approvedVersionId: version.id } });
    await audit(tx, viewer, {
      action: `template.${status === 'approved' ? 'approve' : 'reject'}`,
      subjectType: 'template',
      subjectId: version.templateId,
      details: { key: version.template.key, version: version.version, versionId: version.id, note: review.note },
    });
    return version.templateId;
  });
  return getTemplate(db, viewer, templateId);
}

/** Archived templates leave the agents' list and the hub's own messages; their history stays. */
export async function archiveTemplate(db: Db, viewer: Viewer, id: string, archived: boolean): Promise<TemplateDetail> {
  await db.$transaction(async (tx) => {
    const template = await tx.template.findUnique({ where: { id }, select: { key: true, archived: true } });
    if (!template) throw notFound('Template');
    if (template.archived === archived) return;
    await tx.template.update({ where: { id }, data: { archived } });
    await audit(tx, viewer, { action: archived ? 'template.archive' : 'template.restore', subjectType: 'template', subjectId: id, details: { key: template.key } });
  });
  return getTemplate(db, viewer, id);
}
