import { useI18n } from '../i18n/index.js';
import { useAgreementDoc } from '../lib/parties.js';
import { Flag } from './Flag.js';

/** The name of a Party in the user's language. */
export function usePartyName(): (code: string) => string {
  const doc = useAgreementDoc();
  const { lang, t } = useI18n();
  return (code) =>
    doc?.definition.parties.find((p) => p.code === code)?.name[lang] ?? t('party.unknown', { code });
}

/** A Party's flag and name; `short` shows the code instead of the full name. */
export function Party({ code, short = false }: { code: string; short?: boolean }) {
  const name = usePartyName()(code);
  return (
    <span className="party" title={name}>
      <Flag code={code} />
      {short ? <abbr title={name}>{code}</abbr> : <span>{name}</span>}
    </span>
  );
}
