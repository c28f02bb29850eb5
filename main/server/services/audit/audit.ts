// Audit trail: sign-ins, edits and every read of a customer's contact data (152-FZ: who looked at what).
import type { Db } from '../../db/client.ts';
import type { Viewer } from '../auth/viewer.ts';

export interface AuditInput {
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
}

type AuditWriter = Pick<Db, 'auditEntry'>;

export async function audit(db: AuditWriter, actor: Viewer | null, entry: AuditInput, ip?: string | null): Promise<void> {
  await db.auditEntry.create({
    data: {
      action: entry.action,
      actorId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      ip: ip ?? actor?.ip ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    },
  });
}
