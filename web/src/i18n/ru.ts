import type { MessageKey } from './en.js';
import { ruAdmin } from './ru/admin.js';
import { ruAlerts } from './ru/alerts.js';
import { ruAttack } from './ru/attack.js';
import { ruCore } from './ru/core.js';
import { ruExchange } from './ru/exchange.js';

export const ru: Record<MessageKey, string> = {
  ...ruCore,
  ...ruExchange,
  ...ruAdmin,
  ...ruAttack,
  ...ruAlerts,
};
