export * from './chain.js';
export * from './entries.js';
export * from './verify.js';
