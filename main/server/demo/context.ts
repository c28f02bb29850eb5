// What every part of the generator shares while it walks through the customers.
import type { IdFactory } from './ids.ts';
import type { ContactNumbers } from './people.ts';
import type { Random } from './random.ts';
import type { ReferenceData } from './reference.ts';
import type { RowBatch } from './rowBatch.ts';

export interface GenerationContext {
  random: Random;
  ids: IdFactory;
  batch: RowBatch;
  /** The reference date every generated instant is placed before. */
  now: Date;
  reference: ReferenceData;
  numbers: ContactNumbers;
  /** Every e-mail address handed out, so each is unique. */
  takenEmails: Set<string>;
  /** Running counters behind unique phones, messenger and chat ids, cards, order numbers and provider ids. */
  sequence: { phone: number; telegram: number; webchat: number; card: number; order: number; message: number };
}
