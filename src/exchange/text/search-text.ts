// Text for full-text search. On SQLite, Russian words are stemmed here (FTS5's porter
// tokenizer then stems the English ones), and the query is built from the same words the
// same way, so «атаки» finds «атакам». PostgreSQL stems with its own snowball configurations.

import { stemRussian } from './russian-stemmer.js';

const WORD = /[\p{L}\p{N}]+/gu;
const CYRILLIC = /[\u0400-\u04ff]/;

export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).filter((w) => w.length > 0);
}

function stem(word: string): string {
  return CYRILLIC.test(word) ? stemRussian(word) : word;
}

/** The document's text as stored in the FTS5 table. */
export function stemmedText(text: string): string {
  return words(text).map(stem).join(' ');
}

/** An FTS5 MATCH expression: every word of the query, stemmed, as a quoted term (AND). */
export function ftsQuery(q: string): string | null {
  const terms = words(q).map(stem).slice(0, 32);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t}"`).join(' ');
}
