// Turning hub errors into text beside the right input.
import type { TFunction } from 'i18next';
import type { AppError, FieldError } from '../../../common/result.ts';
import { HUB_BAD_ANSWER, HUB_TIMEOUT, HUB_UNREACHABLE } from '../app/hub.ts';
import type { namespaces } from '../app/i18n.ts';

type T = TFunction<typeof namespaces>;

/** One sentence for an error result, in the desk's language. */
export function errorText(t: T, error: AppError): string {
  if (error.code === 'INTERNAL') {
    if (error.message === HUB_TIMEOUT) return t('common:Error.hubTimeout');
    if (error.message === HUB_UNREACHABLE) return t('common:Error.hubUnreachable');
    if (error.message === HUB_BAD_ANSWER) return t('common:Error.hubBadAnswer');
  }
  return t(`common:Error.${error.code}`);
}

/** Field errors by dotted path (`firstName`, `identities.1.value`); the first message per path wins. */
export function fieldErrorMap(fields: readonly FieldError[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const field of fields ?? []) {
    const path = field.path || '_';
    if (!(path in map)) map[path] = field.message;
  }
  return map;
}

/** Paths the form has no input for: shown in the form's summary instead of being lost. */
export function unplacedFieldErrors(map: Record<string, string>, placed: (path: string) => boolean): string[] {
  return Object.entries(map)
    .filter(([path]) => !placed(path))
    .map(([, message]) => message);
}

type FieldErrorKey =
  | 'required'
  | 'invalidEmail'
  | 'invalidPhone'
  | 'passwordTooShort'
  | 'unknownTimeZone'
  | 'storeRequired'
  | 'tooLong'
  | 'invalidDate'
  | 'futureDate'
  | 'duplicate';

const known: Array<[RegExp, FieldErrorKey]> = [
  [/^required$|too small.*>=\s*1 character|expected string to have >=1/i, 'required'],
  [/duplicate|already (used|exists|taken|belongs)/i, 'duplicate'],
  [/future/i, 'futureDate'],
  [/email/i, 'invalidEmail'],
  [/phone/i, 'invalidPhone'],
  [/at least 10 characters/i, 'passwordTooShort'],
  [/time zone/i, 'unknownTimeZone'],
  [/bound to a store|store.*required/i, 'storeRequired'],
  [/too big|at most/i, 'tooLong'],
  [/date/i, 'invalidDate'],
];

/** The hub speaks English in field messages (zod); the common ones are translated, the rest shown as sent. */
export function fieldMessage(t: T, message: string): string {
  for (const [pattern, key] of known) if (pattern.test(message)) return t(`common:FieldError.${key}`);
  return message;
}
