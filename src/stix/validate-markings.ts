// Granular markings (selectors must resolve against the object) and marking-definition rules.
import { at, type IssueSink, index, isPlainObject, kindOf, show } from './validate-context.js';
import { checkRef } from './validate-refs.js';
import { checkLang } from './validate-structs.js';
import { TLP_MARKING_IDS } from './vocab.js';

const INDEX_RE = /^\[(\d+)\]$/;
const GRANULAR_MARKING_KEYS: ReadonlySet<string> = new Set(['selectors', 'marking_ref', 'lang']);
const TLP_IDS: ReadonlySet<string> = new Set(TLP_MARKING_IDS.values());
const MARKING_REF_TARGET: ReadonlySet<string> = new Set(['marking-definition']);

type Resolution = { ok: true } | { ok: false; syntax: boolean; reason: string };
const RESOLVED: Resolution = { ok: true };

/**
 * Walks a selector (section 7.2.3: components separated by `.`, each a property name,
 * dictionary key or `[n]` list index) from the object root.
 */
export function resolveSelector(root: Readonly<Record<string, unknown>>, selector: string): Resolution {
  let current: unknown = root;
  let walked = '';
  for (const part of selector.split('.')) {
    if (part === '') return { ok: false, syntax: true, reason: 'it has an empty component' };
    const m = INDEX_RE.exec(part);
    if (m !== null) {
      if (!Array.isArray(current)) return { ok: false, syntax: false, reason: `${walked} is not a list` };
      const i = Number(m[1]);
      if (i >= current.length) {
        return { ok: false, syntax: false, reason: `${walked} has ${current.length} item(s), no index ${i}` };
      }
      current = current[i];
    } else {
      if (part.includes('[') || part.includes(']')) {
        return {
          ok: false,
          syntax: true,
          reason: `${show(part)} is neither a name nor an index like [0] (write a.[0], not a[0])`,
        };
      }
      if (!isPlainObject(current)) {
        return { ok: false, syntax: false, reason: `${walked || 'the object'} is not an object` };
      }
      if (!Object.hasOwn(current, part)) {
        return {
          ok: false,
          syntax: false,
          reason: `${walked ? `${walked} has` : 'the object has'} no property ${part}`,
        };
      }
      current = current[part];
    }
    walked = walked ? `${walked}.${part}` : part;
  }
  return RESOLVED;
}

export function checkGranularMarkings(
  sink: IssueSink,
  obj: Readonly<Record<string, unknown>>,
  path: string,
): void {
  const value = obj['granular_markings'];
  const listPath = at(path, 'granular_markings');
  if (!Array.isArray(value)) {
    sink.error(listPath, 'invalid-type', `granular_markings must be a list, got ${kindOf(value)}`);
    return;
  }
  if (value.length === 0) {
    sink.error(listPath, 'empty-list', 'granular_markings must not be an empty list');
    return;
  }
  for (let i = 0; i < value.length; i++) {
    const marking = value[i];
    const markingPath = index(listPath, i);
    if (!isPlainObject(marking)) {
      sink.error(markingPath, 'invalid-type', `a granular marking must be an object, got ${kindOf(marking)}`);
      continue;
    }
    checkGranularMarking(sink, obj, marking, markingPath);
  }
}

function checkGranularMarking(
  sink: IssueSink,
  root: Readonly<Record<string, unknown>>,
  marking: Record<string, unknown>,
  path: string,
): void {
  const hasRef = marking['marking_ref'] !== undefined;
  const hasLang = marking['lang'] !== undefined;
  if (hasRef === hasLang) {
    sink.error(
      path,
      'granular-marking-choice',
      `a granular marking needs exactly one of marking_ref and lang, it has ${hasRef ? 'both' : 'neither'}`,
    );
  }
  if (hasRef)
    checkRef(sink, marking['marking_ref'], MARKING_REF_TARGET, at(path, 'marking_ref'), 'marking_ref');
  if (hasLang) checkLang(sink, marking['lang'], at(path, 'lang'), 'lang');
  for (const key in marking) {
    if (!GRANULAR_MARKING_KEYS.has(key))
      sink.warn(at(path, key), 'unknown-property', `${key} is not a granular-marking property`);
  }
  const selectors = marking['selectors'];
  const selectorsPath = at(path, 'selectors');
  if (selectors === undefined) {
    sink.error(selectorsPath, 'missing-property', 'selectors is required');
    return;
  }
  if (!Array.isArray(selectors) || selectors.length === 0) {
    sink.error(
      selectorsPath,
      Array.isArray(selectors) ? 'empty-list' : 'invalid-type',
      'selectors must be a non-empty list of strings',
    );
    return;
  }
  for (let j = 0; j < selectors.length; j++) {
    const selector = selectors[j];
    const selectorPath = index(selectorsPath, j);
    if (typeof selector !== 'string') {
      sink.error(selectorPath, 'invalid-type', `a selector must be a string, got ${kindOf(selector)}`);
      continue;
    }
    const resolution = resolveSelector(root, selector);
    if (!resolution.ok) {
      sink.error(
        selectorPath,
        resolution.syntax ? 'invalid-selector' : 'unresolved-selector',
        `selector ${show(selector)} ${resolution.syntax ? 'is malformed' : 'does not resolve'}: ${resolution.reason}`,
      );
    }
  }
}

/** A marking definition must not mark itself (section 3.2, object_marking_refs). */
function checkNotSelfMarked(sink: IssueSink, obj: Readonly<Record<string, unknown>>, path: string): void {
  const id = obj['id'];
  const refs = obj['object_marking_refs'];
  if (Array.isArray(refs)) {
    const i = refs.indexOf(id);
    if (i !== -1)
      sink.error(
        index(at(path, 'object_marking_refs'), i),
        'circular-marking',
        `marking definition ${id} marks itself`,
      );
  }
  const granular = obj['granular_markings'];
  if (Array.isArray(granular)) {
    for (let i = 0; i < granular.length; i++) {
      const g = granular[i];
      if (isPlainObject(g) && g['marking_ref'] === id) {
        sink.error(
          at(index(at(path, 'granular_markings'), i), 'marking_ref'),
          'circular-marking',
          `marking definition ${id} marks itself`,
        );
      }
    }
  }
}

export function checkMarkingDefinition(
  sink: IssueSink,
  obj: Readonly<Record<string, unknown>>,
  path: string,
): void {
  checkNotSelfMarked(sink, obj, path);
  const definitionType = obj['definition_type'];
  const definition = obj['definition'];
  if (obj['extensions'] === undefined) {
    // Without the extension facility, the deprecated definition pair is what defines the marking.
    if (definitionType === undefined)
      sink.error(
        at(path, 'definition_type'),
        'missing-property',
        'definition_type is required when there are no extensions',
      );
    if (definition === undefined)
      sink.error(
        at(path, 'definition'),
        'missing-property',
        'definition is required when there are no extensions',
      );
  } else if ((definitionType === undefined) !== (definition === undefined)) {
    const [present, absent] =
      definitionType === undefined ? ['definition', 'definition_type'] : ['definition_type', 'definition'];
    sink.error(at(path, absent), 'property-requires', `${present} is present, so ${absent} must be too`);
  }
  const id = obj['id'];
  if (definitionType === 'tlp') {
    if (definition === undefined) return; // reported above
    const level = isPlainObject(definition) ? definition['tlp'] : undefined;
    const official = typeof level === 'string' ? TLP_MARKING_IDS.get(level) : undefined;
    if (official === undefined) {
      sink.error(
        at(path, 'definition'),
        'invalid-tlp-marking',
        `a tlp definition must be {"tlp": "white" | "green" | "amber" | "red"}, got ${show(definition)}`,
      );
    } else if (id !== official) {
      sink.error(
        at(path, 'id'),
        'invalid-tlp-marking',
        `TLP:${String(level).toUpperCase()} must use the id the spec defines, ${official}; other TLP marking definitions must not be created`,
      );
    }
  } else if (typeof id === 'string' && TLP_IDS.has(id)) {
    sink.error(
      at(path, 'definition_type'),
      'invalid-tlp-marking',
      `${id} is a TLP marking definition; its definition_type must be tlp`,
    );
  } else if (definitionType === 'statement' && definition !== undefined) {
    if (!isPlainObject(definition) || typeof definition['statement'] !== 'string') {
      sink.error(
        at(path, 'definition'),
        'invalid-marking-definition',
        `a statement definition must be {"statement": "<text>"}, got ${show(definition)}`,
      );
    }
  }
}
