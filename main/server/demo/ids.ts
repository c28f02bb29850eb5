// Deterministic row ids shaped like Prisma's cuid() (25 characters, starting with "c"), so the demo can
// be regenerated identically and nothing downstream can tell them from ids the app creates.
import { hash32 } from './random.ts';

/** Two characters per kind of row keep ids of different tables apart. */
const ENTITY_TAGS = {
  team: 'tm',
  user: 'us',
  store: 'st',
  product: 'pr',
  customer: 'cu',
  identity: 'ci',
  loyaltyAccount: 'la',
  ledgerEntry: 'le',
  order: 'or',
  orderItem: 'oi',
  conversation: 'cv',
  message: 'ms',
  reviewSample: 'rs',
  review: 'rv',
  reviewComment: 'rc',
  template: 'tp',
  templateVersion: 'tv',
  reservation: 'rz',
  reservationStep: 'rn',
  job: 'jb',
} as const;

type IdEntity = keyof typeof ENTITY_TAGS;

const base36 = (value: number, width: number) => value.toString(36).padStart(width, '0').slice(-width);

export class IdFactory {
  private readonly counters = new Map<IdEntity, number>();
  private readonly seedTag: string;

  constructor(private readonly seed: number) {
    this.seedTag = base36(hash32(seed, 0x5eed) % 36 ** 4, 4);
  }

  /**
   * The counter comes before the random-looking tail, so ids grow in insertion order: each table's
   * primary-key index is appended to instead of split at random pages, which keeps bulk inserts fast.
   */
  next(entity: IdEntity): string {
    const n = (this.counters.get(entity) ?? 0) + 1;
    this.counters.set(entity, n);
    const tag = ENTITY_TAGS[entity];
    const tail = base36(hash32(this.seed, n, tag.charCodeAt(0), tag.charCodeAt(1)) % 36 ** 5, 5) + base36(hash32(n, this.seed) % 36 ** 5, 5);
    return `c${this.seedTag}${tag}${base36(n, 8)}${tail}`;
  }
}
