// Which language a message is written in, for the rules scoped to Russian or English texts. The composer,
// the hub's send check and the pre-scoring must agree on it, or an agent would see other issues than the
// ones their reply is held to.
import type { Locale } from '../enums.ts';

const CYRILLIC = /\p{Script=Cyrillic}/u;

/** Any Cyrillic letter makes it Russian: an English model name inside a Russian reply is common, the reverse is not. */
export const textLocale = (text: string): Locale => (CYRILLIC.test(text) ? 'ru' : 'en');
