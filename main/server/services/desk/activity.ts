// Who has which conversation open and who is typing in it, per desk (socket), in memory like presence.
// A desk views at most one conversation. Typing is a lease the desk renews while keys are pressed: a desk
// that stops renewing (closed lid, lost network) stops showing as typing after TYPING_MS by itself.
import type { ConversationActivity } from '../../../../common/realtime/events.ts';
import type { DeskUser } from './presence.ts';

const TYPING_MS = 6000;

export interface ActivityTracker {
  connected(socketId: string, user: DeskUser): void;
  /** conversationId null: this desk has no conversation open. false when the socket is not a desk. */
  set(socketId: string, conversationId: string | null, typing: boolean): boolean;
  disconnected(socketId: string): void;
}

interface Desk extends DeskUser {
  conversationId: string;
  typing: boolean;
  expiry?: NodeJS.Timeout;
}

export function createActivity(push: (event: ConversationActivity) => void, typingMs = TYPING_MS): ActivityTracker {
  const users = new Map<string, DeskUser>();
  const desks = new Map<string, Desk>();
  /** What was last announced per conversation, so a renewal that changes nothing is not pushed again. */
  const announced = new Map<string, string>();

  const viewersOf = (conversationId: string): ConversationActivity['viewers'] => {
    // An agent with the conversation open on two desks is one viewer, typing if either desk is.
    const byUser = new Map<string, ConversationActivity['viewers'][number]>();
    for (const desk of desks.values()) {
      if (desk.conversationId !== conversationId) continue;
      const seen = byUser.get(desk.userId);
      byUser.set(desk.userId, { userId: desk.userId, displayName: desk.displayName, typing: desk.typing || (seen?.typing ?? false) });
    }
    return [...byUser.values()].sort((a, b) => a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId));
  };

  const announce = (conversationIds: Array<string | undefined>) => {
    for (const conversationId of new Set(conversationIds)) {
      if (conversationId === undefined) continue;
      const viewers = viewersOf(conversationId);
      const key = JSON.stringify(viewers);
      if (key === (announced.get(conversationId) ?? '[]')) continue;
      if (viewers.length === 0) announced.delete(conversationId);
      else announced.set(conversationId, key);
      push({ conversationId, viewers });
    }
  };

  const forget = (socketId: string) => {
    const desk = desks.get(socketId);
    clearTimeout(desk?.expiry);
    desks.delete(socketId);
    return desk?.conversationId;
  };

  return {
    connected(socketId, user) {
      users.set(socketId, user);
    },
    set(socketId, conversationId, typing) {
      const user = users.get(socketId);
      if (!user) return false;
      const before = forget(socketId);
      if (conversationId !== null) {
        const desk: Desk = { userId: user.userId, displayName: user.displayName, conversationId, typing };
        if (typing) {
          desk.expiry = setTimeout(() => {
            desk.typing = false;
            announce([conversationId]);
          }, typingMs);
          // A pending expiry must not keep a stopping hub alive.
          desk.expiry.unref();
        }
        desks.set(socketId, desk);
      }
      announce([before, conversationId ?? undefined]);
      return true;
    },
    disconnected(socketId) {
      users.delete(socketId);
      announce([forget(socketId)]);
    },
  };
}
