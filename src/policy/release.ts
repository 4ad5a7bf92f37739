// Rule 4: how far the originator's own release reaches among the Parties in force. Rule 5
// (no widening) is this same question asked on a non-originator's behalf, so both use it.

import type { EffectiveMarkings } from './effective-markings.js';
import type { AllowReason } from './reasons.js';
import { tlpName } from './tlp.js';

export type Release =
  | { ok: true; reason: AllowReason }
  | { ok: false; reason: 'not-released-to-party' | 'tlp-red-not-named'; message: string };

/** Named by the originator: its Party in the releasability list, or its body among the named recipients. */
function isNamed(m: EffectiveMarkings, party: string, org: string | undefined): boolean {
  if (m.releasableTo?.has(party)) return true;
  return org !== undefined && (m.namedRecipients?.has(org) ?? false);
}

function list(s: ReadonlySet<string> | null): string {
  return s && s.size > 0 ? [...s].sort().join(', ') : 'nobody';
}

/** For a recipient that is a Party in force and not the originator. */
export function originatorRelease(m: EffectiveMarkings, party: string, org?: string): Release {
  if (m.tlp === 'red') {
    if (isNamed(m, party, org)) return { ok: true, reason: 'tlp-red-named' };
    return {
      ok: false,
      reason: 'tlp-red-not-named',
      message:
        m.releasableTo === null
          ? `TLP:RED with no named recipients reaches the originator alone, not ${party}`
          : `TLP:RED is for ${list(m.releasableTo)} only, not ${party}`,
    };
  }
  if (m.releasableTo !== null && !isNamed(m, party, org)) {
    return {
      ok: false,
      reason: 'not-released-to-party',
      message: `${tlpName(m.tlp)} released to ${list(m.releasableTo)} only, not ${party}`,
    };
  }
  switch (m.tlp) {
    case 'clear':
      return { ok: true, reason: 'tlp-clear' };
    case 'green':
      return { ok: true, reason: 'tlp-green' };
    case 'amber':
      return { ok: true, reason: 'tlp-amber' };
    case 'amber+strict':
      return { ok: true, reason: 'tlp-amber-strict' };
  }
}
