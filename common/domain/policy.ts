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
  'workspace.manage', // desk settings: first-response targets, the customers' quiet hours, loyalty tier rules
  'catalog.read', // search products and see the stock of every store
  'reservations.create', // hold items for a customer (and cancel such a hold on the customer's request)
  'reservations.manage', // confirm, prepare, hand over or cancel reservations (store staff: their store only)
  'stock.correct', // correct a store's on-hand count with a reason (store staff: their store only)
  'stock.import', // load stock files from the ERP/POS
  'loyalty.adjust', // goodwill points within the role's daily limit (negative corrections: supervisors, admins)
  'voice.manage', // edit the brand-voice rules and the review scorecard; approve or reject templates
  'templates.author', // write templates and new versions of them (they wait for approval before agents see them)
  'reviews.manage', // draw samples, review and comment on agents' conversations, see everyone's reviews and trends
  'audit.read',
]);
export type Permission = z.infer<typeof Permission>;

const grants: Record<Role, readonly Permission[]> = {
  agent: [
    'customers.read',
    'customers.contacts.read_full',
    'customers.history.read',
    'customers.edit',
    'conversations.read',
    'stores.read_all',
    'catalog.read',
    'reservations.create',
    'loyalty.adjust',
  ],
  // The store desk: their store's reservations and stock, customers only by name and masked phone.
  store_staff: ['customers.read', 'catalog.read', 'reservations.manage', 'stock.correct'],
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
    'catalog.read',
    'reservations.create',
    'reservations.manage',
    'stock.correct',
    'stock.import',
    'loyalty.adjust',
    'voice.manage',
    'templates.author',
    'reviews.manage',
  ],
  // Marketing works on segments and aggregates: no unmasked contact data.
  marketer: ['customers.read', 'customers.history.read', 'stores.read_all', 'catalog.read', 'templates.author'],
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
    'catalog.read',
    'reservations.create',
    'reservations.manage',
    'stock.correct',
    'stock.import',
    'loyalty.adjust',
    'voice.manage',
    'templates.author',
    'reviews.manage',
  ],
};

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...grants[role]];
}
