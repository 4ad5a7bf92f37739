import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { useUser } from '../lib/session.js';
import type { AgreementStatus } from '../lib/types.js';
import { useApi } from '../lib/use-api.js';
import { ErrorBox } from './ErrorBox.js';
import { Flag } from './Flag.js';
import { usePartyName } from './Party.js';

export interface PartiesInForce {
  /** The other Parties the Agreement binds today (a pending withdrawal still binds). */
  codes: string[];
  loading: boolean;
  error: unknown;
  reload(): void;
}

/** Who one's Party can send to or work with today: from the Agreement's status, never a fixed list. */
export function usePartiesInForce(): PartiesInForce {
  const own = useUser().party;
  const status = useApi((signal) => api<AgreementStatus>('/agreement/status', { signal }), 'status');
  const codes = (status.data?.parties ?? [])
    .filter((p) => (p.state === 'in-force' || p.state === 'withdrawal-pending') && p.code !== own)
    .map((p) => p.code);
  return { codes, loading: status.loading, error: status.error, reload: status.reload };
}

/** A checkbox for each Party in force, labelled with its name in the user's language. */
export function PartyChecks({
  id,
  parties,
  value,
  onChange,
  disabled = false,
}: {
  id: string;
  parties: PartiesInForce;
  value: string[];
  onChange(codes: string[]): void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const name = usePartyName();
  if (parties.error !== undefined) return <ErrorBox error={parties.error} onRetry={parties.reload} />;
  if (!parties.loading && parties.codes.length === 0) return <p className="muted">{t('parties.none')}</p>;
  return (
    <ul className="plain party-checks">
      {parties.codes.map((code) => (
        <li key={code}>
          <label htmlFor={`${id}-${code}`}>
            <input
              id={`${id}-${code}`}
              type="checkbox"
              disabled={disabled}
              checked={value.includes(code)}
              onChange={(e) =>
                onChange(e.target.checked ? [...value, code] : value.filter((c) => c !== code))
              }
            />{' '}
            <Flag code={code} /> {name(code)}
          </label>
        </li>
      ))}
    </ul>
  );
}

/** One Party in force, chosen from a list. */
export function PartySelect({
  id,
  parties,
  value,
  onChange,
}: {
  id: string;
  parties: PartiesInForce;
  value: string;
  onChange(code: string): void;
}) {
  const { t } = useI18n();
  const name = usePartyName();
  return (
    <>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required>
        <option value="">{t('parties.choose')}</option>
        {parties.codes.map((code) => (
          <option key={code} value={code}>
            {name(code)}
          </option>
        ))}
      </select>
      {parties.error !== undefined && <ErrorBox error={parties.error} onRetry={parties.reload} />}
    </>
  );
}
