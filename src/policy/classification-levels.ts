// The equivalence table between the Parties' classification levels. Article 10 (fourth
// paragraph) leaves classified information to the CSTO Agreement on mutual protection of
// classified information of 18 June 2004, whose comparability table sets each Party's three
// secrecy stamps side by side. Accord compares levels by rank only:
//   0 unclassified · 1 «Секретно» (Secret) · 2 «Совершенно секретно» (Top Secret)
//   · 3 «Особой важности» (Of Special Importance).
// Stamps are given in Russian, the working language of the CSTO and of that agreement's
// table; a Party whose national stamp differs lists it under `aliases`.

export const PARTY_CODES = ['AM', 'BY', 'KZ', 'KG', 'RU', 'TJ'] as const;
export type PartyCode = (typeof PARTY_CODES)[number];

export const UNCLASSIFIED_RANK = 0;
export const MAX_RANK = 3;
/**
 * The rank given to a classification we cannot place in the table (an unknown stamp or
 * Party). It is above every accreditation, so such an object is refused at the door and
 * reaches nobody but its originator: failing closed is the only safe reading.
 */
export const UNKNOWN_CLASSIFICATION_RANK = MAX_RANK + 1;

export interface ClassificationLevel {
  rank: 1 | 2 | 3;
  /** The stamp as the Party writes it. */
  level: string;
  en: string;
  aliases?: readonly string[];
}

const RUSSIAN_STAMPS: readonly ClassificationLevel[] = [
  { rank: 1, level: 'Секретно', en: 'Secret' },
  { rank: 2, level: 'Совершенно секретно', en: 'Top Secret' },
  { rank: 3, level: 'Особой важности', en: 'Of Special Importance' },
];

export const CLASSIFICATION_LEVELS: Readonly<Record<PartyCode, readonly ClassificationLevel[]>> = {
  AM: RUSSIAN_STAMPS,
  BY: RUSSIAN_STAMPS,
  KZ: RUSSIAN_STAMPS,
  KG: RUSSIAN_STAMPS,
  RU: RUSSIAN_STAMPS,
  TJ: RUSSIAN_STAMPS,
};

function normalise(s: string): string {
  return s.trim().replace(/[«»"]/g, '').toLocaleLowerCase('ru');
}

export function isPartyCode(s: string): s is PartyCode {
  return (PARTY_CODES as readonly string[]).includes(s);
}

/** The rank of a Party's stamp, by its own name, an alias or its English gloss. */
export function classificationRank(party: string, level: string): number | undefined {
  if (!isPartyCode(party)) return undefined;
  const wanted = normalise(level);
  for (const l of CLASSIFICATION_LEVELS[party]) {
    const names = [l.level, l.en, ...(l.aliases ?? [])];
    if (names.some((n) => normalise(n) === wanted)) return l.rank;
  }
  return undefined;
}

/** The stamp a Party uses at a rank: how the receiving Party marks what it is given. */
export function equivalentLevel(party: string, rank: number): ClassificationLevel | undefined {
  if (!isPartyCode(party)) return undefined;
  return CLASSIFICATION_LEVELS[party].find((l) => l.rank === rank);
}

export function describeRank(rank: number): string {
  if (rank <= UNCLASSIFIED_RANK) return 'unclassified';
  if (rank > MAX_RANK) return 'an unrecognised classification';
  const l = RUSSIAN_STAMPS.find((x) => x.rank === rank);
  return l ? `«${l.level}» (${l.en}, rank ${rank})` : `rank ${rank}`;
}
