import { storeRequire } from './store-require.js';

type FirstLetters = (text: string, options: { pattern: 'first'; toneType: 'none'; type: 'array' }) => string[];
let dictionary: FirstLetters | undefined;
/** pinyin-pro and its dictionary, loaded on the first Chinese name: most commands never read one. */
function pinyin(text: string, options: Parameters<FirstLetters>[1]): string[] {
  dictionary ??= (storeRequire('pinyin-pro') as typeof import('pinyin-pro')).pinyin as FirstLetters;
  return dictionary(text, options);
}

const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/**
 * What a clerk types to find a name in a picker (助记码): the first letter of each Chinese
 * character's pinyin, with every other letter and digit kept as it is, all in lower case. Spaces
 * and punctuation go; full-width letters and digits count as their ordinary forms.
 *
 * A Latin word is kept whole, not cut to its first letter: `oolong` finds `Oolong 乌龙`, and a code
 * in the name (`A4`, `250g`) is typed as it is written. A character with more than one reading
 * takes pinyin-pro's reading in its context (长城 cc, 银行 yh, 重庆 cq); a name read otherwise is
 * still found by its characters. A character pinyin-pro does not know stays as it is.
 *
 * @example
 * searchInitials('西湖龙井茶') // 'xhljc'
 * searchInitials('龙井茶 250g') // 'ljc250g'
 * searchInitials('Oolong 乌龙') // 'oolongwl'
 */
export function searchInitials(name: string): string {
  const text = name.normalize('NFKC');
  // Only a name with a Chinese character needs the dictionary; most codes and Latin names skip it.
  const read = /\p{Script=Han}/u.test(text)
    ? pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' }).join('')
    : text;
  return read.toLowerCase().replace(NOT_LETTER_OR_DIGIT, '');
}

/**
 * What a typed search is compared with stored initials: the text as `searchInitials` keeps it
 * (`LJC 250` → `ljc250`), or undefined when it holds a Chinese character or nothing to match. Typed
 * characters are matched by the name itself; reading them as initials would find every name that
 * merely sounds alike (龙井 and 蓝鲸 are both `lj`).
 *
 * @example
 * typedInitials('XH ljc') // 'xhljc'
 * typedInitials('龙井') // undefined
 */
export function typedInitials(text: string): string | undefined {
  const normal = text.normalize('NFKC');
  if (/\p{Script=Han}/u.test(normal)) return undefined;
  const key = normal.toLowerCase().replace(NOT_LETTER_OR_DIGIT, '');
  return key === '' ? undefined : key;
}
