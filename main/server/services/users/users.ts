// Admins create users, change roles and disable accounts. A change that narrows access ends the
// user's sessions at once, so a re-roled or disabled user cannot keep acting with old rights.
import type { z } from 'zod';
import type { TeamView, UserCreateInput, UserUpdateInput, UserView } from '../../../../common/api/users.ts';
import { Role } from '../../../../common/domain/enums.ts';
import type { Db } from '../../db/client.ts';
import { notFound, ServiceError } from '../../errors.ts';
import { audit } from '../audit/audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import { revokeUserSessions } from '../auth/sessions.ts';
import type { Viewer } from '../auth/viewer.ts';

const include = { team: { select: { name: true } }, store: { select: { name: true } } } as const;
type UserRow = NonNullable<Awaited<ReturnType<Db['user']['findUnique']>>> & { team: { name: string } | null; store: { name: string } | null };

function presentUser(u: UserRow): UserView {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: Role.parse(u.role),
    teamId: u.teamId,
    teamName: u.team?.name ?? null,
    storeId: u.storeId,
    storeName: u.store?.name ?? null,
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function listUsers(db: Db): Promise<UserView[]> {
  const users = await db.user.findMany({ include, orderBy: [{ disabled: 'asc' }, { displayName: 'asc' }] });
  return users.map(presentUser);
}

export async function listTeams(db: Db): Promise<TeamView[]> {
  return db.team.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
}

async function checkRefs(db: Db, teamId: string | null | undefined, storeId: string | null | undefined) {
  if (teamId && !(await db.team.findUnique({ where: { id: teamId } }))) {
    throw new ServiceError('BAD_REQUEST', 'Unknown team', [{ path: 'teamId', message: 'unknown team' }]);
  }
  if (storeId && !(await db.store.findUnique({ where: { id: storeId } }))) {
    throw new ServiceError('BAD_REQUEST', 'Unknown store', [{ path: 'storeId', message: 'unknown store' }]);
  }
}

export async function createUser(db: Db, viewer: Viewer, input: z.output<typeof UserCreateInput>): Promise<UserView> {
  await checkRefs(db, input.teamId, input.storeId);
  if (await db.user.findUnique({ where: { email: input.email } })) {
    throw new ServiceError('CONFLICT', 'A user with this email exists', [{ path: 'email', message: 'already in use' }]);
  }
  const user = await db.user.create({
    data: {
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      teamId: input.teamId,
      storeId: input.role === 'store_staff' ? input.storeId : null,
      passwordHash: await hashPassword(input.password),
    },
    include,
  });
  await audit(db, viewer, { action: 'user.create', subjectType: 'user', subjectId: user.id, details: { role: user.role } });
  return presentUser(user);
}

/** Returns the updated user and the sessions that were ended (their sockets are closed by the caller). */
export async function updateUser(
  db: Db,
  viewer: Viewer,
  input: z.output<typeof UserUpdateInput>,
): Promise<{ user: UserView; endedSessions: string[] }> {
  const current = await db.user.findUnique({ where: { id: input.id } });
  if (!current) throw notFound('User');
  if (input.id === viewer.userId && (input.disabled || (input.role && input.role !== 'admin'))) {
    throw new ServiceError('CONFLICT', 'You cannot disable yourself or remove your own admin role');
  }
  await checkRefs(db, input.teamId, input.storeId);
  const role = input.role ?? Role.parse(current.role);
  const storeId = role === 'store_staff' ? (input.storeId !== undefined ? input.storeId : current.storeId) : null;
  if (role === 'store_staff' && !storeId) {
    throw new ServiceError('BAD_REQUEST', 'Store staff must be bound to a store', [{ path: 'storeId', message: 'required for store staff' }]);
  }

  const user = await db.user.update({
    where: { id: input.id },
    data: {
      displayName: input.displayName,
      role,
      teamId: input.teamId,
      storeId,
      disabled: input.disabled,
      ...(input.password ? { passwordHash: await hashPassword(input.password) } : {}),
    },
    include,
  });
  const narrowed = Boolean(input.disabled) || role !== current.role || storeId !== current.storeId || Boolean(input.password);
  const endedSessions = narrowed ? await revokeUserSessions(db, user.id) : [];
  await audit(db, viewer, {
    action: 'user.update',
    subjectType: 'user',
    subjectId: user.id,
    details: {
      role: role !== current.role ? { from: current.role, to: role } : undefined,
      disabled: input.disabled,
      passwordReset: Boolean(input.password),
      sessionsEnded: endedSessions.length,
    },
  });
  return { user: presentUser(user), endedSessions };
}
