// The gate's verdict as a value. `decideDisclosure` is the one place that may say "this
// audience may receive this version"; it says so by returning `Disclosed<…>` values, which
// nothing else can make: the brand is a unique symbol no other module can name, and at run
// time each value is entered in a registry that only the gate's minter writes to. The HTTP
// layer serialises STIX only from such values (src/http/stix-reply.ts), so a route that
// forgets the gate fails at its first test instead of leaking quietly.

import { AccordError } from '../errors.js';

declare const DISCLOSED: unique symbol;

/** A value the disclosure gate produced for an audience. Only the gate can make one. */
export type Disclosed<T extends object> = T & { readonly [DISCLOSED]: true };

/** A STIX object parsed from a disclosed version, ready to be serialised. */
export type DisclosedStix = Disclosed<{ type: string; id: string; [property: string]: unknown }>;

const registry = new WeakSet<object>();
let minted = false;

/**
 * The gate's stamp. Handed out once, to src/node/disclosure.ts at load time; a second call
 * is a programming error (someone else trying to mint disclosures) and throws.
 */
export function takeMinter(): <T extends object>(value: T) => Disclosed<T> {
  if (minted) throw new Error('the disclosure minter belongs to src/node/disclosure.ts alone');
  minted = true;
  return <T extends object>(value: T): Disclosed<T> => {
    registry.add(value);
    return value as Disclosed<T>;
  };
}

export function isDisclosed(value: unknown): boolean {
  return typeof value === 'object' && value !== null && registry.has(value);
}

/** A programming error, not user input: logged, and answered 500 with its own catalogue code. */
export function assertDisclosed(value: unknown, what: string): void {
  if (!isDisclosed(value)) {
    throw new AccordError(
      'ACCORD_UNGATED_DISCLOSURE',
      `internal error: a ${what} was about to be sent without passing the disclosure gate`,
    );
  }
}

/** The STIX object of a disclosed version, parsed; the parsed object counts as disclosed too. */
export function disclosedObject(v: Disclosed<{ json: string }>): DisclosedStix {
  assertDisclosed(v, 'version');
  const object = JSON.parse(v.json) as DisclosedStix;
  registry.add(object);
  return object;
}

/** The canonical JSON text of a disclosed version, for serialisers that splice text. */
export function disclosedJson(v: Disclosed<{ json: string }>): string {
  assertDisclosed(v, 'version');
  return v.json;
}
