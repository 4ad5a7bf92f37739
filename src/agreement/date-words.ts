// Dates as a depositary's notice writes them: "1 April 2019", «1 апреля 2019 г.».

import { parseIsoDate } from './calendar.js';
import type { LocalizedText } from './types.js';

const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// Genitive, as a Russian date needs ("1 апреля").
const MONTHS_RU = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];

export function dateInWords(date: string): LocalizedText {
  const d = parseIsoDate(date);
  if (!d) return { en: date, ru: date };
  return {
    en: `${d.day} ${MONTHS_EN[d.month - 1]} ${d.year}`,
    ru: `${d.day} ${MONTHS_RU[d.month - 1]} ${d.year} г.`,
  };
}
