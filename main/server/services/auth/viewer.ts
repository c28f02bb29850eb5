import type { Role } from '../../../../common/domain/enums.ts';

/** Who is asking: every service call that reads or changes data takes one, so rules can depend on it. */
export interface Viewer {
  userId: string;
  role: Role;
  storeId: string | null;
  sessionId: string;
  ip: string | null;
}
