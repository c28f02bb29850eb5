import { describe, expect, it } from 'vitest';
import { can, Permission } from './policy.ts';
import { Role } from './enums.ts';

describe('policy', () => {
  it('grants unmasked contacts only to roles that talk to customers or administer', () => {
    const allowed = Role.options.filter((r) => can(r, 'customers.contacts.read_full'));
    expect(allowed).toEqual(['agent', 'supervisor', 'admin']);
  });

  it('keeps store staff to reading customers (masked) in their own store', () => {
    expect(Permission.options.filter((p) => can('store_staff', p))).toEqual(['customers.read']);
  });

  it('lets only admins manage users', () => {
    expect(Role.options.filter((r) => can(r, 'users.manage'))).toEqual(['admin']);
  });
});
