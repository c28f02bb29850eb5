import { z } from 'zod';
import { Locale, Role } from '../domain/enums.ts';

export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type UserView = z.infer<typeof UserView>;

export const Password = z.string().min(10, 'at least 10 characters').max(200);

const storeRequiredForStaff = <T extends { role?: Role | undefined; storeId?: string | null | undefined }>(v: T) =>
  v.role !== 'store_staff' || Boolean(v.storeId);
const storeIssue = { message: 'store staff must be bound to a store', path: ['storeId'] };

export const UserCreateInput = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email()),
    displayName: z.string().trim().min(1).max(120),
    role: Role,
    teamId: z.string().max(64).nullable().default(null),
    storeId: z.string().max(64).nullable().default(null),
    password: Password,
  })
  .refine(storeRequiredForStaff, storeIssue);
export type UserCreateInput = z.input<typeof UserCreateInput>;

export const UserUpdateInput = z
  .object({
    id: z.string().min(1).max(64),
    displayName: z.string().trim().min(1).max(120).optional(),
    role: Role.optional(),
    teamId: z.string().max(64).nullable().optional(),
    storeId: z.string().max(64).nullable().optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .refine(storeRequiredForStaff, storeIssue);
export type UserUpdateInput = z.input<typeof UserUpdateInput>;

export const TeamView = z.object({ id: z.string(), name: z.string() });
export type TeamView = z.infer<typeof TeamView>;

export const SetLocaleInput = z.object({ locale: Locale });
