export * from './chain.js';
export * from './entries.js';
export * from './party-view.js';
export * from './verify.js';
