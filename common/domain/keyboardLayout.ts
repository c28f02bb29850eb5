// Text typed with the wrong keyboard layout switched on: «rfhnf» was meant as «карта», «ьыш» as «msi».
// Russian PCs have ЙЦУКЕН and QWERTY on the same keys, so the key a finger pressed is what we recover.

/** The same physical keys, unshifted then shifted: QWERTY on top, ЙЦУКЕН below. */
const QWERTY = "`qwertyuiop[]asdfghjkl;'zxcvbnm,.~QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>";
const JCUKEN = 'ёйцукенгшщзхъфывапролджэячсмитьбюЁЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ';

const toRussian = new Map<string, string>();
const toLatin = new Map<string, string>();
for (let i = 0; i < QWERTY.length; i++) {
  toRussian.set(QWERTY[i]!, JCUKEN[i]!);
  toLatin.set(JCUKEN[i]!, QWERTY[i]!);
}

const CYRILLIC = /[а-яё]/i;
const LATIN = /[a-z]/i;

/**
 * The text as it would read in the other layout. The direction follows the letters: mostly Latin letters
 * are read as ЙЦУКЕН keys (punctuation that sits on Russian letter keys comes along: [ ; , . → х ж б ю),
 * mostly Cyrillic ones as QWERTY keys. Digits, spaces and anything else stay as they are.
 */
export function switchLayout(text: string): string {
  let latin = 0;
  let cyrillic = 0;
  for (const ch of text) {
    if (LATIN.test(ch)) latin++;
    else if (CYRILLIC.test(ch)) cyrillic++;
  }
  const map = latin >= cyrillic ? toRussian : toLatin;
  let out = '';
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}
