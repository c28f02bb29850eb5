// Names for the ids a review carries (agents, reviewers, comment authors), fetched once per answer.
import { ReviewStatus, type ReviewPerson } from '../../../../../common/api/review.ts';
import { Role } from '../../../../../common/domain/enums.ts';
import { can } from '../../../../../common/domain/policy.ts';
import type { Db } from '../../../db/client.ts';

export type PersonLookup = (id: string) => ReviewPerson;

export async function peopleByIds(db: Pick<Db, 'user'>, ids: Iterable<string>): Promise<PersonLookup> {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, displayName: true } });
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  // A user removed since keeps their id on old reviews; the desk shows the id rather than nothing.
  return (id) => ({ id, name: names.get(id) ?? id });
}

export const reviewStatus = (stored: string): ReviewStatus => ReviewStatus.parse(stored);

/** Everyone whose replies can be sampled: active users of the roles that answer conversations. */
export async function reviewableAgents(db: Pick<Db, 'user'>): Promise<ReviewPerson[]> {
  const roles = Role.options.filter((role) => can(role, 'conversations.read'));
  const users = await db.user.findMany({ where: { disabled: false, role: { in: roles } }, select: { id: true, displayName: true }, orderBy: { displayName: 'asc' } });
  return users.map((u) => ({ id: u.id, name: u.displayName }));
}
