// Presence: online / away / offline per agent. Kept in memory, not in the database: it describes the
// sockets connected now, and a restarted hub rightly starts with everyone offline until their desks
// reconnect. Away is per desk and decided by the desk (idle time); an agent is online while any of their
// desks is, and offline only when the last one has gone.
import type { AgentPresence, Presence } from '../../../../common/api/desk.ts';
import { Role } from '../../../../common/domain/enums.ts';
import { can } from '../../../../common/domain/policy.ts';
import type { Db } from '../../db/client.ts';

export interface DeskUser {
  userId: string;
  displayName: string;
}

export interface PresenceTracker {
  connected(socketId: string, user: DeskUser): void;
  disconnected(socketId: string): void;
  /** false when the socket is not a desk that works conversations. */
  set(socketId: string, presence: Exclude<Presence, 'offline'>): boolean;
  of(userId: string): Presence;
}

export function createPresence(push: (event: AgentPresence) => void): PresenceTracker {
  const desks = new Map<string, DeskUser & { presence: Exclude<Presence, 'offline'> }>();

  const of = (userId: string): Presence => {
    let presence: Presence = 'offline';
    for (const desk of desks.values()) {
      if (desk.userId !== userId) continue;
      if (desk.presence === 'online') return 'online';
      presence = 'away';
    }
    return presence;
  };

  /** Applies a change to one desk and announces the agent's presence if that changed it. */
  const change = (user: DeskUser, apply: () => void) => {
    const before = of(user.userId);
    apply();
    const after = of(user.userId);
    if (after !== before) push({ userId: user.userId, displayName: user.displayName, presence: after });
  };

  return {
    connected(socketId, user) {
      // A desk that just connected has someone at it.
      change(user, () => desks.set(socketId, { ...user, presence: 'online' }));
    },
    disconnected(socketId) {
      const desk = desks.get(socketId);
      if (desk) change(desk, () => desks.delete(socketId));
    },
    set(socketId, presence) {
      const desk = desks.get(socketId);
      if (!desk) return false;
      change(desk, () => (desk.presence = presence));
      return true;
    },
    of,
  };
}

const deskRoles = Role.options.filter((role) => can(role, 'conversations.read'));

/** Everyone who works conversations, with their presence; nobody connected is offline. */
export async function listPresence(db: Db, tracker: PresenceTracker): Promise<AgentPresence[]> {
  const users = await db.user.findMany({
    where: { role: { in: deskRoles }, disabled: false },
    select: { id: true, displayName: true },
    orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
  });
  return users.map((u) => ({ userId: u.id, displayName: u.displayName, presence: tracker.of(u.id) }));
}
