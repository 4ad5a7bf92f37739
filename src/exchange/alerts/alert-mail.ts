// The e-mail an alert becomes. Pure: it is made from the delivery's payload alone — the same
// payload a webhook gets, already cut to what the policy decision lets the subscriber see — so
// a message can never say more than the webhook call would.

export interface AlertMail {
  subject: string;
  text: string;
  headers: Record<string, string>;
}

const oneLine = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** What the object is called, for the subject: a notification's summary, a request's title… */
function headline(o: Record<string, unknown> | undefined): string | null {
  for (const k of ['summary', 'title', 'name', 'subject']) {
    const v = o?.[k];
    if (typeof v === 'string' && v.trim()) return oneLine(v, 120);
  }
  return null;
}

export function alertMail(deliveryId: string, payloadJson: string): AlertMail {
  const p = JSON.parse(payloadJson) as {
    event: string;
    text: string;
    node: string;
    party: string;
    at: string;
    due?: string;
    deadline?: string;
    object?: Record<string, unknown>;
  };
  const what = headline(p.object);
  const lines = [
    `${p.text[0]!.toUpperCase()}${p.text.slice(1)}.`,
    '',
    `Event:    ${p.event}`,
    `Node:     ${p.node} (Party ${p.party})`,
    `Raised:   ${p.at}`,
    ...(p.deadline ? [`Deadline: ${p.deadline}${p.due === 'passed' ? ' (passed)' : ''}`] : []),
    ...(p.object && typeof p.object.id === 'string' ? [`Object:   ${p.object.id}`] : []),
    '',
    'What was received, as far as you may see it:',
    '',
    JSON.stringify(p.object ?? null, null, 2),
    '',
    `-- Accord alert ${deliveryId}. Manage your subscriptions in the console, under Alerts.`,
  ];
  return {
    subject: `[Accord ${p.party}] ${p.text}${what ? `: ${what}` : ''}`,
    text: lines.join('\n'),
    headers: { 'Accord-Event': p.event, 'Accord-Delivery': deliveryId },
  };
}
