// The customer edit form's state, what it sends (customer.update) and the checks it makes before sending.
import { CustomerUpdateInput, type CustomerDetail, type IdentityView } from '../../../../common/api/customers.ts';
import { formatPhone, normalizeEmail, normalizePhone } from '../../../../common/domain/contacts.ts';
import { fieldErrors, type FieldError } from '../../../../common/result.ts';

export type EditableKind = 'email' | 'phone';

export interface IdentityDraft {
  /** Stable React key (new rows have no id yet). */
  key: string;
  id?: string;
  kind: EditableKind;
  value: string;
  optedOut: boolean;
  blocked: boolean;
  preferred: boolean;
}

export interface CustomerDraft {
  firstName: string;
  lastName: string;
  middleName: string;
  birthday: string;
  city: string;
  timeZone: string;
  consentService: boolean;
  consentMarketing: boolean;
  /** Emails first, then phones; a row's index here is its index in the payload (`identities.1.value`). */
  identities: IdentityDraft[];
}

const isEditable = (identity: IdentityView): identity is IdentityView & { kind: EditableKind } =>
  identity.kind === 'email' || identity.kind === 'phone';

export function draftFromCustomer(customer: CustomerDetail): CustomerDraft {
  const editable = customer.identities.filter(isEditable);
  const ordered = [...editable.filter((i) => i.kind === 'email'), ...editable.filter((i) => i.kind === 'phone')];
  return {
    firstName: customer.firstName,
    lastName: customer.lastName,
    middleName: customer.middleName ?? '',
    birthday: customer.birthday ?? '',
    city: customer.city ?? '',
    timeZone: customer.timeZone,
    consentService: customer.consentService,
    consentMarketing: customer.consentMarketing,
    identities: ordered.map((identity) => ({
      key: identity.id,
      id: identity.id,
      kind: identity.kind,
      // "+7 912 345-67-89" reads better than E.164 while editing; the hub normalises either.
      value: identity.kind === 'phone' && !identity.masked ? formatPhone(identity.value) : identity.value,
      optedOut: identity.optedOut,
      blocked: identity.blocked,
      preferred: identity.preferred,
    })),
  };
}

let newKey = 0;

/** A new empty row, placed after the last row of its kind so the order stays emails-then-phones. */
export function addIdentity(draft: CustomerDraft, kind: EditableKind): CustomerDraft {
  const row: IdentityDraft = {
    key: `new-${++newKey}`,
    kind,
    value: '',
    optedOut: false,
    blocked: false,
    preferred: !draft.identities.some((i) => i.kind === kind),
  };
  const lastOfKind = draft.identities.map((i) => i.kind).lastIndexOf(kind);
  const at = lastOfKind >= 0 ? lastOfKind + 1 : kind === 'email' ? 0 : draft.identities.length;
  const identities = [...draft.identities];
  identities.splice(at, 0, row);
  return { ...draft, identities };
}

export function updateIdentity(draft: CustomerDraft, key: string, patch: Partial<IdentityDraft>): CustomerDraft {
  const target = draft.identities.find((i) => i.key === key);
  if (!target) return draft;
  return {
    ...draft,
    identities: draft.identities.map((identity) => {
      if (identity.key === key) return { ...identity, ...patch };
      // One preferred contact per kind.
      if (patch.preferred && identity.kind === target.kind) return { ...identity, preferred: false };
      return identity;
    }),
  };
}

export function removeIdentity(draft: CustomerDraft, key: string): CustomerDraft {
  return { ...draft, identities: draft.identities.filter((i) => i.key !== key) };
}

const blankToNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function inputFromDraft(customer: Pick<CustomerDetail, 'id'>, expectedUpdatedAt: string, draft: CustomerDraft): CustomerUpdateInput {
  return {
    id: customer.id,
    expectedUpdatedAt,
    firstName: draft.firstName,
    lastName: draft.lastName,
    middleName: blankToNull(draft.middleName),
    birthday: blankToNull(draft.birthday),
    city: blankToNull(draft.city),
    timeZone: draft.timeZone,
    consentService: draft.consentService,
    consentMarketing: draft.consentMarketing,
    identities: draft.identities.map((identity) => ({
      ...(identity.id ? { id: identity.id } : {}),
      kind: identity.kind,
      value: identity.value.trim(),
      optedOut: identity.optedOut,
      blocked: identity.blocked,
      preferred: identity.preferred,
    })),
  };
}

/** The checks the hub would make anyway, so most mistakes show before a round trip. Same paths as the hub's. */
export function validateInput(input: CustomerUpdateInput): FieldError[] {
  const parsed = CustomerUpdateInput.safeParse(input);
  const errors = parsed.success ? [] : fieldErrors(parsed.error);
  input.identities.forEach((identity, index) => {
    const path = `identities.${index}.value`;
    if (errors.some((e) => e.path === path) || !identity.value.trim()) return;
    if (identity.kind === 'phone' && !normalizePhone(identity.value)) errors.push({ path, message: 'invalid phone number' });
    if (identity.kind === 'email' && !normalizeEmail(identity.value)) errors.push({ path, message: 'invalid email' });
  });
  const seen = new Map<string, number>();
  input.identities.forEach((identity, index) => {
    const normal = identity.kind === 'phone' ? normalizePhone(identity.value) : normalizeEmail(identity.value);
    if (!normal) return;
    const key = `${identity.kind}:${normal}`;
    if (seen.has(key)) errors.push({ path: `identities.${index}.value`, message: 'duplicate' });
    else seen.set(key, index);
  });
  if (input.birthday && input.birthday > new Date().toISOString().slice(0, 10)) errors.push({ path: 'birthday', message: 'birthday in the future' });
  return errors;
}
