import type { I18n, MessageKey } from '../i18n/index.js';

// The node's schema messages ("$params.id must match pattern …") said in the reader's
// language: which field, where, and what is wrong with it. A message this does not know is
// shown as the node wrote it, after the field's name.

export interface FieldIssue {
  path: string;
  message: string;
}

export function fieldIssues(details: unknown): FieldIssue[] {
  const list = Array.isArray(details)
    ? details
    : Array.isArray((details as { issues?: unknown })?.issues)
      ? (details as { issues: unknown[] }).issues
      : [];
  return list.filter(
    (d): d is FieldIssue =>
      typeof (d as FieldIssue)?.path === 'string' && typeof (d as FieldIssue)?.message === 'string',
  );
}

const WHERE: Record<string, MessageKey> = {
  params: 'validation.inAddress',
  querystring: 'validation.inQuery',
  body: 'validation.inForm',
};

const RULES: [RegExp, (m: RegExpMatchArray, i: I18n) => string][] = [
  [/^must match pattern/, (_m, i) => i.t('validation.pattern')],
  [/^must have required property '([^']+)'/, (m, i) => i.t('validation.required', { name: m[1]! })],
  [
    /^must be (string|integer|number|boolean|object|array|null)/,
    (m, i) => i.t('validation.type', { type: m[1]! }),
  ],
  [
    /^must be equal to one of the allowed values|^must be equal to constant|^must match a schema in anyOf/,
    (_m, i) => i.t('validation.enum'),
  ],
  [
    /^must NOT have more than (\d+) (characters|items)/,
    (m, i) => i.t('validation.tooLong', { n: Number(m[1]) }),
  ],
  [
    /^must NOT have fewer than (\d+) (characters|items)/,
    (m, i) => i.t('validation.tooShort', { n: Number(m[1]) }),
  ],
  [/^must match format "([^"]+)"/, (m, i) => i.t('validation.format', { format: m[1]! })],
  [/^must NOT have additional properties/, (_m, i) => i.t('validation.additional')],
  [
    /^must be (<=|>=|<|>) (-?\d+(?:\.\d+)?)/,
    (m, i) => i.t('validation.range', { op: m[1]!, n: Number(m[2]) }),
  ],
];

/** "Field “id” in the address: not in the expected form" — the field, where it is, and what is wrong. */
export function issueText(issue: FieldIssue, i: I18n): string {
  const m = /^\$(params|querystring|body)?\.?(.*)$/.exec(issue.path);
  const where = m?.[1] ? WHERE[m[1]] : undefined;
  const field = (m?.[2] || issue.path).replace(/^\./, '') || issue.path;
  let what = issue.message;
  // A message often repeats the path in front of what is wrong.
  const bare = what.startsWith(issue.path) ? what.slice(issue.path.length).trim() : what;
  for (const [re, say] of RULES) {
    const hit = re.exec(bare);
    if (hit) {
      what = say(hit, i);
      break;
    }
    what = bare;
  }
  return where
    ? i.t('validation.fieldIn', { field, where: i.t(where), what })
    : i.t('validation.field', { field, what });
}
