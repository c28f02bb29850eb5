import { describe, expect, it } from 'vitest';
import { can, Permission } from './policy.ts';
import { Role } from './enums.ts';

describe('policy', () => {
  it('grants unmasked contacts only to roles that talk to customers or administer', () => {
    const allowed = Role.options.filter((r) => can(r, 'customers.contacts.read_full'));
    expect(allowed).toEqual(['agent', 'supervisor', 'admin']);
  });

  it('keeps store staff to masked customers, the catalogue, and their own store\'s reservations and stock', () => {
    expect(Permission.options.filter((p) => can('store_staff', p))).toEqual(['customers.read', 'catalog.read', 'reservations.manage', 'stock.correct']);
  });

  it('lets only supervisors and admins change the brand voice, and never agents', () => {
    expect(Role.options.filter((r) => can(r, 'voice.manage'))).toEqual(['supervisor', 'admin']);
    expect(Role.options.filter((r) => can(r, 'reviews.manage'))).toEqual(['supervisor', 'admin']);
  });

  it('lets only admins manage users', () => {
    expect(Role.options.filter((r) => can(r, 'users.manage'))).toEqual(['admin']);
  });
});
