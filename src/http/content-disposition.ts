// Content-Disposition for a download whose file name may be in any script (RFC 6266 with the
// RFC 5987/8187 extended parameter): Node refuses header values outside Latin-1, so a Cyrillic
// name cannot go into `filename="…"` as it is.

// Characters RFC 8187's attr-char allows as they are; everything else is percent-encoded.
const ATTR_CHAR = /[A-Za-z0-9!#$&+.^_`|~-]/;

function extValue(name: string): string {
  let out = "UTF-8''";
  for (const ch of name) {
    if (ATTR_CHAR.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A printable ASCII stand-in for clients that do not read `filename*`. */
function asciiFallback(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const safe = ascii.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return safe.trim() === '' ? 'download' : safe;
}

/** `attachment; filename="ascii"; filename*=UTF-8''encoded` — the latter only when it differs. */
export function attachment(filename: string): string {
  const fallback = asciiFallback(filename);
  const plain = `attachment; filename="${fallback}"`;
  return fallback === filename ? plain : `${plain}; filename*=${extValue(filename)}`;
}
