// Written consent of the originating Party (Article 10, third paragraph): the only way a
// non-public object reaches a third party. States are a discriminated union so a refused or
// merely requested consent cannot be mistaken for a grant.

import { type Recipient, sameRecipient } from './recipient.js';

interface ConsentBase {
  /** The x-accord-consent STIX id. */
  id: string;
  objectIds: readonly string[];
  /** The Party asking to pass the information on. */
  requester: string;
  /** The originating Party, whose liaison officer decides. */
  grantor: string;
  recipient: Recipient;
  purpose: string;
  /** Last day (YYYY-MM-DD, inclusive) a disclosure may rely on the consent. */
  validUntil: string;
  requestedAt: string;
  requestedBy: string;
}

export type Consent =
  | (ConsentBase & { status: 'requested' })
  | (ConsentBase & { status: 'granted'; grantedAt: string; grantedBy: string })
  | (ConsentBase & { status: 'refused'; refusedAt: string; refusedBy: string; refusalReason?: string })
  | (ConsentBase & {
      status: 'withdrawn';
      grantedAt: string;
      grantedBy: string;
      withdrawnAt: string;
      withdrawnBy: string;
    });

export type ConsentStatus = Consent['status'];

/** The UTC calendar day of an ISO timestamp or date. */
export function dayOf(isoTimestamp: string): string {
  return isoTimestamp.slice(0, 10);
}

/**
 * Does this consent let `holder` disclose `objectId` to `recipient` on `date`? Valid from the
 * day of the grant to `validUntil` inclusive. A withdrawal stops it from the day of the
 * withdrawal itself (decisions are by day, so the withdrawal day is not trusted), while a
 * decision about a day before it still finds the consent: past disclosures stay lawful.
 * With `holder` given, only the requester or the grantor itself may rely on it.
 */
export function consentCovers(
  consent: Consent,
  objectId: string,
  recipient: Recipient,
  date: string,
  holder?: string,
): boolean {
  if (consent.status !== 'granted' && consent.status !== 'withdrawn') return false;
  if (!consent.objectIds.includes(objectId)) return false;
  if (!sameRecipient(consent.recipient, recipient)) return false;
  if (holder !== undefined && holder !== consent.requester && holder !== consent.grantor) return false;
  if (date < dayOf(consent.grantedAt) || date > consent.validUntil) return false;
  if (consent.status === 'withdrawn' && date >= dayOf(consent.withdrawnAt)) return false;
  return true;
}
