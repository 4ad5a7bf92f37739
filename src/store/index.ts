export * from './agreement-repo.js';
export * from './clock.js';
export * from './database.js';
export * from './objects-repo.js';
export type { Role } from './schema.js';
export * from './settings-repo.js';
export * from './store.js';
export * from './tokens-repo.js';
export * from './users-repo.js';
