// Short builders for agreement events, so that each test table row reads like the treaty's facts.

import type { AgreementDefinition, AgreementEvent } from '../../src/agreement/index.js';
import { defaultAgreement } from '../../src/agreement/index.js';

const source = 'test';

export const sign = (party: string, date = '2017-11-30'): AgreementEvent => ({
  kind: 'signature',
  party,
  date,
  source,
});
export const notify = (party: string, date: string): AgreementEvent => ({
  kind: 'ratification-notified',
  party,
  date,
  source,
});
export const withdraw = (party: string, date: string): AgreementEvent => ({
  kind: 'withdrawal-notified',
  party,
  date,
  source,
});
export const enterIntoForce = (date: string, parties: string[]): AgreementEvent => ({
  kind: 'entry-into-force',
  parties,
  date,
  source,
});
export const protocol = (id: string, date: string): AgreementEvent => ({
  kind: 'protocol-in-force',
  protocol: id,
  date,
  source,
});
export const openConsultation = (id: string, date: string, parties: string[]): AgreementEvent => ({
  kind: 'consultation-opened',
  consultation: id,
  parties,
  date,
  source,
});
export const closeConsultation = (id: string, date: string): AgreementEvent => ({
  kind: 'consultation-closed',
  consultation: id,
  date,
  source,
});

/** The 2017 Agreement's rules and Parties, with no events: scenarios bring their own. */
export function csto(): AgreementDefinition {
  return { ...defaultAgreement(), events: [] };
}

/** All six sign on 30 November 2017. */
export const SIGNED: AgreementEvent[] = ['AM', 'BY', 'KZ', 'KG', 'RU', 'TJ'].map((p) => sign(p));

/** Four notifications; the fourth, KG's, is received on 2019-04-01. */
export const FOUR: AgreementEvent[] = [
  ...SIGNED,
  notify('BY', '2018-06-01'),
  notify('KZ', '2019-03-20'),
  notify('TJ', '2019-03-25'),
  notify('KG', '2019-04-01'),
];
