import { useI18n } from '../i18n/index.js';
import { accordMarkingsOf, type Tlp, tlpOf } from '../lib/markings.js';
import type { StixObject } from '../lib/types.js';
import { usePartyName } from './Party.js';

const TLP_LABEL: Record<Tlp, string> = {
  clear: 'TLP:CLEAR',
  green: 'TLP:GREEN',
  amber: 'TLP:AMBER',
  'amber+strict': 'TLP:AMBER+STRICT',
  red: 'TLP:RED',
};

/** The TLP 2.0 badge in the standard's colours (on black). */
export function TlpBadge({ object }: { object: StixObject }) {
  const level = tlpOf(object);
  if (!level) return null;
  return <TlpLevelBadge level={level} />;
}

/** The same badge for records that name their TLP level directly (the exchange records). */
export function TlpLevelBadge({ level }: { level: Tlp }) {
  return <span className={`tlp tlp-${level.replace('+', '-')}`}>{TLP_LABEL[level]}</span>;
}

/**
 * The banner over an object with restricted-access or classification markings (Article 10):
 * said in words at the top of the page, before anything else of the object.
 */
export function MarkingBanner({ object, definitions }: { object: StixObject; definitions: StixObject[] }) {
  const { t, lang } = useI18n();
  const partyName = usePartyName();
  const markings = accordMarkingsOf(object, definitions);
  if (markings.length === 0) return null;
  return (
    <div className="banners">
      {markings.map((m) => {
        if (m.kind === 'classification')
          return (
            <p key={`c${m.level}`} className="banner banner-classified" role="note">
              {t('marking.classified', { level: m.level, party: partyName(m.party) })}
            </p>
          );
        if (m.kind === 'restricted-access')
          return (
            <p key={`r${m.party}`} className="banner banner-restricted" role="note">
              {t('marking.restricted', {
                party: partyName(m.party),
                designation: lang === 'ru' ? m.designation.native : m.designation.en,
              })}
            </p>
          );
        return (
          <p key="rel" className="banner banner-releasable" role="note">
            {t('marking.releasable', { parties: m.parties.map(partyName).join(', ') })}
          </p>
        );
      })}
    </div>
  );
}
