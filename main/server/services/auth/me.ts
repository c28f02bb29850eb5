import type { Me } from '../../../../common/api/auth.ts';
import { Locale, Role } from '../../../../common/domain/enums.ts';
import { permissionsOf } from '../../../../common/domain/policy.ts';
import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import type { Viewer } from './viewer.ts';

interface UserWithStore {
  id: string;
  email: string;
  displayName: string;
  role: string;
  locale: string;
  teamId: string | null;
  storeId: string | null;
  store: { name: string } | null;
}

export function presentMe(user: UserWithStore): Me {
  const role = Role.parse(user.role);
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role,
    locale: Locale.catch('ru').parse(user.locale),
    teamId: user.teamId,
    storeId: user.storeId,
    storeName: user.store?.name ?? null,
    permissions: permissionsOf(role),
  };
}

export async function getMe(db: Db, viewer: Viewer): Promise<Me> {
  const user = await db.user.findUnique({ where: { id: viewer.userId }, include: { store: true } });
  if (!user) throw notFound('User');
  return presentMe(user);
}

export async function setLocale(db: Db, viewer: Viewer, locale: Locale): Promise<Me> {
  const user = await db.user.update({ where: { id: viewer.userId }, data: { locale }, include: { store: true } });
  return presentMe(user);
}
