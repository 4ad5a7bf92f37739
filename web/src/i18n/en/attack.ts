export const enAttack = {
  'nav.attack': 'ATT&CK',
  'attack.title': 'ATT&CK matrix',
  'attack.lead':
    'Techniques by how often what reached your Party in the period refers to them. Open a technique to see what was reported.',
  'attack.from': 'From',
  'attack.to': 'To',
  'attack.show': 'Show',
  'attack.none': 'No ATT&CK data on this node yet: import one of MITRE’s ATT&CK bundles (docs/attack.md).',
  'attack.period': 'Reported from {from} to {to}',
  'attack.count': '{n} reported',
  'attack.more': 'and {n} more',
} as const;
