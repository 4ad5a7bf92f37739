import type { enAttack } from '../en/attack.js';

export const ruAttack: Record<keyof typeof enAttack, string> = {
  'nav.attack': 'ATT&CK',
  'attack.title': 'Матрица ATT&CK',
  'attack.lead':
    'Техники по тому, как часто на них ссылается то, что поступило вашей Стороне за период. Откройте технику, чтобы увидеть сообщения.',
  'attack.from': 'С',
  'attack.to': 'По',
  'attack.show': 'Показать',
  'attack.none':
    'На этом узле пока нет данных ATT&CK: импортируйте один из наборов MITRE ATT&CK (docs/attack.md).',
  'attack.period': 'Сообщено с {from} по {to}',
  'attack.count': 'сообщений: {n}',
  'attack.more': 'и ещё {n}',
};
