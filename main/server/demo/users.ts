// The demo sign-ins: one per role, all with the same password, printed on first start.
import type { Role } from '../../../common/domain/enums.ts';
import type { Sex } from './people.ts';

export const DEMO_PASSWORD = 'threadline-demo';

export const DEMO_TEAMS = { firstLine: 'Первая линия', vip: 'VIP и претензии' } as const;
export type DemoTeam = keyof typeof DEMO_TEAMS;

export interface DemoUser {
  email: string;
  displayName: string;
  role: Role;
  team: DemoTeam | null;
  /** Store.code of the one store a store_staff user works in. */
  storeCode: string | null;
  /** For the grammar of the messages they sign («проверил» / «проверила»). */
  sex: Sex;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@demo.local', displayName: 'Андрей Лебедев', role: 'admin', team: null, storeCode: null, sex: 'male' },
  { email: 'agent@demo.local', displayName: 'Мария Соколова', role: 'agent', team: 'firstLine', storeCode: null, sex: 'female' },
  { email: 'agent2@demo.local', displayName: 'Дмитрий Волков', role: 'agent', team: 'vip', storeCode: null, sex: 'male' },
  { email: 'supervisor@demo.local', displayName: 'Елена Кузнецова', role: 'supervisor', team: 'firstLine', storeCode: null, sex: 'female' },
  { email: 'marketer@demo.local', displayName: 'Ольга Морозова', role: 'marketer', team: null, storeCode: null, sex: 'female' },
  { email: 'store.msk@demo.local', displayName: 'Игорь Смирнов', role: 'store_staff', team: null, storeCode: 'MSK-01', sex: 'male' },
];
