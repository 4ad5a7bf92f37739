// The Snowball Russian stemmer, written from the published algorithm description
// (snowballstem.org/algorithms/russian/stemmer.html). SQLite's FTS5 stems English only, so
// Russian words are stemmed here, for documents and queries alike, before FTS5 sees them.

const VOWELS = new Set('аеиоуыэюя');

const PERFECTIVE_GERUND_1 = ['вшись', 'вши', 'в'];
const PERFECTIVE_GERUND_2 = ['ившись', 'ывшись', 'ивши', 'ывши', 'ив', 'ыв'];
const ADJECTIVE = [
  'ими',
  'ыми',
  'его',
  'ого',
  'ему',
  'ому',
  'ее',
  'ие',
  'ые',
  'ое',
  'ей',
  'ий',
  'ый',
  'ой',
  'ем',
  'им',
  'ым',
  'ом',
  'их',
  'ых',
  'ую',
  'юю',
  'ая',
  'яя',
  'ою',
  'ею',
];
const PARTICIPLE_1 = ['ем', 'нн', 'вш', 'ющ', 'щ'];
const PARTICIPLE_2 = ['ивш', 'ывш', 'ующ'];
const REFLEXIVE = ['ся', 'сь'];
const VERB_1 = [
  'ла',
  'на',
  'ете',
  'йте',
  'ли',
  'й',
  'л',
  'ем',
  'н',
  'ло',
  'но',
  'ет',
  'ют',
  'ны',
  'ть',
  'ешь',
  'нно',
];
const VERB_2 = [
  'ила',
  'ыла',
  'ена',
  'ейте',
  'уйте',
  'ите',
  'или',
  'ыли',
  'ей',
  'уй',
  'ил',
  'ыл',
  'им',
  'ым',
  'ен',
  'ило',
  'ыло',
  'ено',
  'ят',
  'ует',
  'уют',
  'ит',
  'ыт',
  'ены',
  'ить',
  'ыть',
  'ишь',
  'ую',
  'ю',
];
const NOUN = [
  'а',
  'ев',
  'ов',
  'ие',
  'ье',
  'е',
  'иями',
  'ями',
  'ами',
  'еи',
  'ии',
  'и',
  'ией',
  'ей',
  'ой',
  'ий',
  'й',
  'иям',
  'ям',
  'ием',
  'ем',
  'ам',
  'ом',
  'о',
  'у',
  'ах',
  'иях',
  'ях',
  'ы',
  'ь',
  'ию',
  'ью',
  'ю',
  'ия',
  'ья',
  'я',
];
const SUPERLATIVE = ['ейше', 'ейш'];
const DERIVATIONAL = ['ость', 'ост'];

interface Group {
  suffixes: string[];
  /** Group 1 endings count only after а or я, which stay. */
  afterAYa: boolean;
}

/**
 * Snowball's `among`: the longest ending that lies within the region decides; when its
 * condition fails, the whole step fails (shorter endings are not tried).
 */
function among(word: string, region: number, groups: Group[]): number {
  let best: { len: number; afterAYa: boolean } | undefined;
  for (const g of groups) {
    for (const s of g.suffixes) {
      if (s.length > (best?.len ?? 0) && word.endsWith(s) && word.length - s.length >= region) {
        best = { len: s.length, afterAYa: g.afterAYa };
      }
    }
  }
  if (!best) return 0;
  if (best.afterAYa) {
    const i = word.length - best.len - 1;
    const c = word[i];
    if (i < region || (c !== 'а' && c !== 'я')) return 0;
  }
  return best.len;
}

function regions(word: string): { rv: number; r2: number } {
  let rv = word.length;
  for (let i = 0; i < word.length; i++) {
    if (VOWELS.has(word[i]!)) {
      rv = i + 1;
      break;
    }
  }
  const next = (from: number): number => {
    for (let i = from + 1; i < word.length; i++) {
      if (!VOWELS.has(word[i]!) && VOWELS.has(word[i - 1]!)) return i + 1;
    }
    return word.length;
  };
  const r1 = next(0);
  const r2 = r1 >= word.length ? word.length : next(r1);
  return { rv, r2 };
}

export function stemRussian(input: string): string {
  let w = input.toLowerCase().replace(/ё/g, 'е');
  const { rv, r2 } = regions(w);
  const cut = (n: number) => {
    w = w.slice(0, w.length - n);
  };

  // Step 1.
  let n = among(w, rv, [
    { suffixes: PERFECTIVE_GERUND_1, afterAYa: true },
    { suffixes: PERFECTIVE_GERUND_2, afterAYa: false },
  ]);
  if (n > 0) cut(n);
  else {
    cut(among(w, rv, [{ suffixes: REFLEXIVE, afterAYa: false }]));
    n = among(w, rv, [{ suffixes: ADJECTIVE, afterAYa: false }]);
    if (n > 0) {
      cut(n);
      cut(
        among(w, rv, [
          { suffixes: PARTICIPLE_1, afterAYa: true },
          { suffixes: PARTICIPLE_2, afterAYa: false },
        ]),
      );
    } else {
      n = among(w, rv, [
        { suffixes: VERB_1, afterAYa: true },
        { suffixes: VERB_2, afterAYa: false },
      ]);
      if (n > 0) cut(n);
      else cut(among(w, rv, [{ suffixes: NOUN, afterAYa: false }]));
    }
  }

  // Step 2.
  if (w.endsWith('и') && w.length - 1 >= rv) cut(1);
  // Step 3: derivational endings in R2.
  cut(among(w, Math.max(r2, rv), [{ suffixes: DERIVATIONAL, afterAYa: false }]));
  // Step 4: undouble н, or drop a superlative ending then undouble, or drop ь.
  n = among(w, rv, [{ suffixes: SUPERLATIVE, afterAYa: false }]);
  if (n > 0) {
    cut(n);
    if (w.endsWith('нн') && w.length - 2 >= rv) cut(1);
  } else if (w.endsWith('нн') && w.length - 2 >= rv) cut(1);
  else if (w.endsWith('ь') && w.length - 1 >= rv) cut(1);
  return w;
}
