import type { NextTokens } from './next-token.js';

/** What the TAXII routes share, made once when the plugin is registered. */
export interface TaxiiContext {
  tokens: NextTokens;
  /** Largest POST body accepted, in bytes; advertised in the API root. */
  maxContentLength: number;
}

/** The one API root of a node, under the plugin's prefix. */
export const API_ROOT = 'accord';
