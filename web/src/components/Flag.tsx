// Small drawn flags (emoji flags need a font that kiosk machines often lack). Simplified:
// stripes and main emblem shapes only, enough to tell the six Parties apart at a glance.

const STRIPES: Record<string, string[]> = {
  AM: ['#D90012', '#0033A0', '#F2A800'],
  RU: ['#FFFFFF', '#0039A6', '#D52B1E'],
  TJ: ['#CC0000', '#FFFFFF', '#006600'],
};

export function Flag({ code, size = 20 }: { code: string; size?: number }) {
  const h = Math.round((size * 2) / 3);
  const stripes = STRIPES[code];
  let body: React.ReactNode;
  if (stripes) {
    body = (
      <>
        {stripes.map((c, i) => (
          <rect key={c} x="0" y={i * 4} width="18" height={code === 'TJ' && i === 1 ? 4 : 4} fill={c} />
        ))}
        {code === 'TJ' && <circle cx="9" cy="6" r="1.4" fill="#F8C300" />}
      </>
    );
  } else if (code === 'BY') {
    body = (
      <>
        <rect width="18" height="8" fill="#C8313E" />
        <rect y="8" width="18" height="4" fill="#4AA657" />
        <rect width="3" height="12" fill="#FFFFFF" />
        <path d="M1.5 1 L2.5 3 L1.5 5 L0.5 3 Z M1.5 7 L2.5 9 L1.5 11 L0.5 9 Z" fill="#C8313E" />
      </>
    );
  } else if (code === 'KZ') {
    body = (
      <>
        <rect width="18" height="12" fill="#00AFCA" />
        <circle cx="9" cy="5.5" r="2.6" fill="#FEC50C" />
        <path d="M6 9.5 Q9 11 12 9.5" stroke="#FEC50C" strokeWidth="0.8" fill="none" />
      </>
    );
  } else if (code === 'KG') {
    body = (
      <>
        <rect width="18" height="12" fill="#E8112D" />
        <circle cx="9" cy="6" r="3.4" fill="#FFEF00" />
        <circle cx="9" cy="6" r="1.9" fill="#E8112D" />
      </>
    );
  } else {
    body = <rect width="18" height="12" fill="#555" />;
  }
  return (
    <svg
      className="flag"
      width={size}
      height={h}
      viewBox="0 0 18 12"
      aria-hidden="true"
      focusable="false"
      preserveAspectRatio="none"
    >
      {body}
      <rect width="18" height="12" fill="none" stroke="#000" strokeOpacity="0.35" strokeWidth="0.5" />
    </svg>
  );
}
