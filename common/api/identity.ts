// Identity resolution that people decide: suggested duplicates with their evidence, merges that can be
// undone, and the match rate the business is judged by.
import { z } from 'zod';
import { IdentityKind } from '../domain/enums.ts';

export const EvidenceKind = z.enum([
  'same_full_name', // never enough on its own
  'email_local_part', // ivan.petrov@mail.ru ~ ivan.petrov@mail.ry
  'phone_near', // numbers that differ by one or two digits (a typo)
  'same_birthday',
  'same_city',
  'telegram_contact', // the customer shared this phone from Telegram
  'webchat_prechat', // the visitor typed this e-mail or phone in the chat's pre-chat form
]);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

export const Evidence = z.object({ kind: EvidenceKind, detail: z.string() });
export type Evidence = z.infer<typeof Evidence>;

export const MergeCandidate = z.object({
  id: z.string(),
  fullName: z.string(),
  city: z.string().nullable(),
  birthday: z.iso.date().nullable(),
  identities: z.array(z.object({ kind: IdentityKind, value: z.string() })),
  orders: z.number().int(),
  conversations: z.number().int(),
  loyaltyBalance: z.number().int().nullable(),
  createdAt: z.iso.datetime(),
});
export type MergeCandidate = z.infer<typeof MergeCandidate>;

export const SuggestionStatus = z.enum(['pending', 'merged', 'dismissed']);

export const MergeSuggestionView = z.object({
  id: z.string(),
  status: SuggestionStatus,
  /** 0..1: how strongly the evidence points to one person. */
  score: z.number(),
  evidence: z.array(Evidence),
  customers: z.tuple([MergeCandidate, MergeCandidate]),
  createdAt: z.iso.datetime(),
  /** The merge made from this suggestion, for undo. */
  mergeId: z.string().nullable(),
});
export type MergeSuggestionView = z.infer<typeof MergeSuggestionView>;

export const SuggestionListInput = z.object({ status: SuggestionStatus.default('pending') });
export const MergeInput = z.object({ suggestionId: z.string().min(1).max(64), survivorId: z.string().min(1).max(64) });
export const SuggestionIdInput = z.object({ suggestionId: z.string().min(1).max(64) });
export const UndoMergeInput = z.object({ mergeId: z.string().min(1).max(64) });

export const MergeResult = z.object({ mergeId: z.string(), survivorId: z.string(), mergedId: z.string() });
export type MergeResult = z.infer<typeof MergeResult>;

export const MatchRate = z.object({
  profiles: z.number().int(),
  /** Profiles with identities in more than one channel (e-mail, phone, Telegram, web chat). */
  matched: z.number().int(),
  rate: z.number(),
});
export type MatchRate = z.infer<typeof MatchRate>;
