import { enAdmin } from './en/admin.js';
import { enAlerts } from './en/alerts.js';
import { enAttack } from './en/attack.js';
import { enCore } from './en/core.js';
import { enExchange } from './en/exchange.js';

// English is the reference dictionary: ru.ts must have exactly these keys (each area's type
// says so, and test/web/i18n.test.ts checks it again at run time). `{name}` marks a value
// filled in. One file an area, so a page's strings sit together.
export const en = { ...enCore, ...enExchange, ...enAdmin, ...enAttack, ...enAlerts } as const;

export type MessageKey = keyof typeof en;
