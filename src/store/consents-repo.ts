import type { Consent } from '../policy/consent.js';
import type { Db } from './database.js';

export async function saveConsent(db: Db, consent: Consent): Promise<void> {
  const row = {
    party: consent.grantor,
    id: consent.id,
    requester: consent.requester,
    status: consent.status,
    updated_at: new Date().toISOString(),
    json: JSON.stringify(consent),
  };
  await db.kysely
    .insertInto('consents')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['party', 'id'])
        .doUpdateSet({ status: row.status, updated_at: row.updated_at, json: row.json }),
    )
    .execute();
}

export async function getConsent(db: Db, id: string): Promise<Consent | undefined> {
  const r = await db.kysely.selectFrom('consents').select('json').where('id', '=', id).executeTakeFirst();
  return r ? (JSON.parse(r.json) as Consent) : undefined;
}

/** Consents a Party asked for or must decide on. */
export async function listConsentsFor(db: Db, party: string): Promise<Consent[]> {
  const rows = await db.kysely
    .selectFrom('consents')
    .select('json')
    .where((eb) => eb.or([eb('party', '=', party), eb('requester', '=', party)]))
    .orderBy('updated_at', 'desc')
    .execute();
  return rows.map((r) => JSON.parse(r.json) as Consent);
}

/** Consents that can cover a disclosure: granted ones, and withdrawn ones for earlier days. */
export async function listEffectiveConsents(db: Db): Promise<Consent[]> {
  const rows = await db.kysely
    .selectFrom('consents')
    .select('json')
    .where('status', 'in', ['granted', 'withdrawn'])
    .execute();
  return rows.map((r) => JSON.parse(r.json) as Consent);
}
