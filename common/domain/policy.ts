// The one policy that decides what each role may do. The hub checks it on every route and command;
// the desk uses the same table only to hide what would be refused anyway.
import { z } from 'zod';
import type { Role } from './enums.ts';

export const Permission = z.enum([
  'customers.read', // list and open customers (contact data masked unless contacts.read_full)
  'customers.contacts.read_full', // see phones, emails and cards unmasked (every read is audited)
  'customers.history.read', // orders, loyalty history, conversations of any store
  'customers.edit',
  'conversations.read', // the inbox and live message pushes
  'stores.read_all', // every store; without it, only the user's own store
  'users.manage',
  'channels.manage', // Settings → Channels: accounts, secrets, test sends
  'identity.merge', // review suggested duplicates, merge and undo
  'workspace.manage', // desk settings: first-response targets, the customers' quiet hours
  'audit.read',
]);
export type Permission = z.infer<typeof Permission>;

const grants: Record<Role, readonly Permission[]> = {
  agent: ['customers.read', 'customers.contacts.read_full', 'customers.history.read', 'customers.edit', 'conversations.read', 'stores.read_all'],
  store_staff: ['customers.read'],
  supervisor: [
    'customers.read',
    'customers.contacts.read_full',
    'customers.history.read',
    'customers.edit',
    'conversations.read',
    'stores.read_all',
    'identity.merge',
    'workspace.manage',
    'audit.read',
  ],
  // Marketing works on segments and aggregates: no unmasked contact data.
  marketer: ['customers.read', 'customers.history.read', 'stores.read_all'],
  admin: [
    'customers.read',
    'customers.contacts.read_full',
    'customers.history.read',
    'customers.edit',
    'conversations.read',
    'stores.read_all',
    'users.manage',
    'channels.manage',
    'identity.merge',
    'workspace.manage',
    'audit.read',
  ],
};

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...grants[role]];
}
