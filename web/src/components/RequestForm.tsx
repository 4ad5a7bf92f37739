import { type FormEvent, useEffect, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import type { AccordRequest, Criterion, Page, RequestKind, TlpLevel } from '../lib/exchange-types.js';
import { useApi } from '../lib/use-api.js';
import { useSubmit } from '../lib/use-submit.js';
import { DateField } from './DateField.js';
import { instant, lines, TlpSelect } from './FormFields.js';
import { Link } from './Link.js';
import { Outcome } from './Outcome.js';
import { PartySelect, usePartiesInForce } from './PartyPicker.js';
import { useJurisdictionProposal } from './use-jurisdiction.js';

const KINDS: readonly RequestKind[] = ['information', 'assistance', 'blocking'];
const PURPOSES = ['determine-source', 'stop-infrastructure'] as const;

/** What kind of resource a value to block is, as the node asks to be told. */
function resourceType(value: string): 'url' | 'domain' | 'ipv4' | 'ipv6' {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'url';
  if (/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?$/.test(value)) return 'ipv4';
  if (value.includes(':')) return 'ipv6';
  return 'domain';
}

function CriteriaChecks({ value, onChange }: { value: string[]; onChange(ids: string[]): void }) {
  const { t, lang } = useI18n();
  const list = useApi((signal) => api<Page<Criterion>>('/criteria?limit=500', { signal }), 'criteria');
  if (list.error !== undefined) return <Outcome round={0} error={list.error} />;
  const items = list.data?.items ?? [];
  if (list.data && items.length === 0) return <p className="muted">{t('newRequest.noCriteria')}</p>;
  return (
    <ul className="plain party-checks">
      {items.map((c) => (
        <li key={c.id}>
          <label>
            <input
              type="checkbox"
              checked={value.includes(c.id)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, c.id] : value.filter((x) => x !== c.id))
              }
            />{' '}
            <code>{c.code}</code> {lang === 'ru' ? c.title_ru : c.title_en}
          </label>
        </li>
      ))}
    </ul>
  );
}

/** Asks another Party for information, assistance or blocking (Articles 6 and 7). */
export function RequestForm({ onCreated }: { onCreated(r: AccordRequest): void }) {
  const { t } = useI18n();
  const parties = usePartiesInForce();
  const [kind, setKind] = useState<RequestKind>('information');
  const [addressee, setAddressee] = useState('');
  const [summary, setSummary] = useState('');
  const [details, setDetails] = useState('');
  const [deadline, setDeadline] = useState('');
  const [tlp, setTlp] = useState<TlpLevel>('amber');
  const [legalBasis, setLegalBasis] = useState('');
  const [caseReference, setCaseReference] = useState('');
  const [purpose, setPurpose] = useState<(typeof PURPOSES)[number]>('determine-source');
  const [indicators, setIndicators] = useState('');
  const [resources, setResources] = useState('');
  const [criteria, setCriteria] = useState<string[]>([]);
  const [evidence, setEvidence] = useState('');
  const [send, setSend] = useState(true);
  // The addressee is proposed from the jurisdiction of what is entered, until the user picks one.
  const [picked, setPicked] = useState(false);
  const proposed = useJurisdictionProposal(
    kind === 'assistance' ? lines(indicators) : kind === 'blocking' ? lines(resources) : [],
  );
  useEffect(() => {
    if (proposed && !picked) setAddressee(proposed);
  }, [proposed, picked]);
  const made = useSubmit<AccordRequest>();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const at = instant(deadline);
    const specific =
      kind === 'information'
        ? { legal_basis: legalBasis, case_reference: caseReference }
        : kind === 'assistance'
          ? { purpose, indicators: lines(indicators) }
          : {
              resources: lines(resources).map((value) => ({ value, type: resourceType(value) })),
              criteria,
              evidence,
            };
    const r = await made.run(() =>
      api<AccordRequest>('/requests', {
        method: 'POST',
        body: {
          kind,
          addressee,
          summary,
          tlp,
          ...(details ? { details } : {}),
          ...(at ? { deadline: at } : {}),
          ...specific,
          send,
        },
      }),
    );
    if (!r) return;
    setSummary('');
    setDetails('');
    onCreated(r);
  };

  return (
    <details className="card">
      <summary>{t('newRequest.new')}</summary>
      <form className="stack" onSubmit={submit}>
        <div className="toolbar">
          <label>
            {t('requests.kind')}{' '}
            <select value={kind} onChange={(e) => setKind(e.target.value as RequestKind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`rkind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor="r-addressee">
            {t('requests.addressee')}{' '}
            <PartySelect
              id="r-addressee"
              parties={parties}
              value={addressee}
              onChange={(p) => {
                setPicked(true);
                setAddressee(p);
              }}
            />
          </label>
          {proposed && addressee === proposed && !picked && (
            <span className="muted">{t('newRequest.proposed', { party: proposed })}</span>
          )}
          <label htmlFor="r-tlp">
            {t('notify.tlp')} <TlpSelect id="r-tlp" value={tlp} onChange={setTlp} />
          </label>
        </div>
        <label htmlFor="r-summary">{t('requests.summary')}</label>
        <input
          id="r-summary"
          value={summary}
          maxLength={500}
          onChange={(e) => setSummary(e.target.value)}
          required
        />
        <label htmlFor="r-details">{t('requests.details')}</label>
        <textarea id="r-details" rows={4} value={details} onChange={(e) => setDetails(e.target.value)} />
        {kind === 'information' && (
          <>
            <label htmlFor="r-legal">{t('requests.legalBasis')}</label>
            <input id="r-legal" value={legalBasis} onChange={(e) => setLegalBasis(e.target.value)} required />
            <label htmlFor="r-case">{t('requests.caseReference')}</label>
            <input
              id="r-case"
              value={caseReference}
              onChange={(e) => setCaseReference(e.target.value)}
              required
            />
          </>
        )}
        {kind === 'assistance' && (
          <>
            <label htmlFor="r-purpose">{t('requests.purpose')}</label>
            <select
              id="r-purpose"
              value={purpose}
              onChange={(e) => setPurpose(e.target.value as typeof purpose)}
            >
              {PURPOSES.map((p) => (
                <option key={p} value={p}>
                  {t(`purpose.${p}`)}
                </option>
              ))}
            </select>
            <label htmlFor="r-indicators">{t('newRequest.indicators')}</label>
            <textarea
              id="r-indicators"
              rows={3}
              className="mono"
              value={indicators}
              onChange={(e) => setIndicators(e.target.value)}
              required
            />
          </>
        )}
        {kind === 'blocking' && (
          <>
            <label htmlFor="r-resources">{t('newRequest.resources')}</label>
            <textarea
              id="r-resources"
              rows={3}
              className="mono"
              value={resources}
              onChange={(e) => setResources(e.target.value)}
              required
            />
            <fieldset className="plain-fieldset">
              <legend>{t('newRequest.criteria')}</legend>
              <CriteriaChecks value={criteria} onChange={setCriteria} />
            </fieldset>
            <label htmlFor="r-evidence">{t('requests.evidence')}</label>
            <textarea
              id="r-evidence"
              rows={3}
              value={evidence}
              onChange={(e) => setEvidence(e.target.value)}
              required
            />
          </>
        )}
        <label htmlFor="r-deadline">{t('newRequest.deadline')}</label>
        <DateField id="r-deadline" time value={deadline} onChange={setDeadline} />
        <label>
          <input type="checkbox" checked={send} onChange={(e) => setSend(e.target.checked)} />{' '}
          {t('newRequest.sendNow')}
        </label>
        <Outcome round={made.round} error={made.error}>
          {made.result && (
            <>
              {made.result.state === 'draft' ? t('newRequest.drafted') : t('newRequest.sent')}{' '}
              <Link to={`/requests/${encodeURIComponent(made.result.id)}`}>{made.result.summary}</Link>
            </>
          )}
        </Outcome>
        <div className="actions">
          <button type="submit" className="primary" disabled={made.busy}>
            {send ? t('newRequest.submitSend') : t('newRequest.submitDraft')}
          </button>
        </div>
      </form>
    </details>
  );
}
