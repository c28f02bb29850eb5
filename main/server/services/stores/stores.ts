import { OpeningHours, type StoreView } from '../../../../common/api/stores.ts';
import { can } from '../../../../common/domain/policy.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { Viewer } from '../auth/viewer.ts';

type StoreRow = Awaited<ReturnType<Db['store']['findMany']>>[number];

export function presentStore(s: StoreRow): StoreView {
  const hours = OpeningHours.safeParse(JSON.parse(s.openingHours || '{}'));
  return {
    id: s.id,
    code: s.code,
    name: s.name,
    address: s.address,
    city: s.city,
    latitude: s.latitude,
    longitude: s.longitude,
    timeZone: s.timeZone,
    openingHours: hours.success ? hours.data : {},
  };
}

/** Every store for roles that work across stores; only their own for store staff. */
export async function listStores(db: Db, viewer: Viewer): Promise<StoreView[]> {
  const where = can(viewer.role, 'stores.read_all') ? {} : { id: viewer.storeId ?? '-' };
  const stores = await db.store.findMany({ where, orderBy: [{ city: 'asc' }, { name: 'asc' }] });
  return stores.map(presentStore);
}

export async function getStore(db: Db, viewer: Viewer, id: string): Promise<StoreView> {
  if (!can(viewer.role, 'stores.read_all') && viewer.storeId !== id) throw forbidden('You can only see your own store');
  const store = await db.store.findUnique({ where: { id } });
  if (!store) throw notFound('Store');
  return presentStore(store);
}
