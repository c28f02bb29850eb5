import { z } from 'zod';
import { Locale, Role } from '../domain/enums.ts';
import { Permission } from '../domain/policy.ts';

export const SignInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
});
export type SignInInput = z.infer<typeof SignInInput>;

export const Me = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: Role,
  locale: Locale,
  teamId: z.string().nullable(),
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
  permissions: z.array(Permission),
});
export type Me = z.infer<typeof Me>;

export const SignInResult = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  user: Me,
});
export type SignInResult = z.infer<typeof SignInResult>;
