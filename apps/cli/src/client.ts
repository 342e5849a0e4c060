// The CLI's client as a library (dist/apps/cli/client.js) for the scripts under scripts/: the
// API client, the display helpers, the language of a file, the stack's Redis key names.
export * from './api-client';
export * from './display';
export { LANGUAGE_IDS, languageForFile } from '@app/contracts/language';
export { MAX_TIME_LIMIT_MS } from '@app/contracts/limits';
export { RedisKeys } from '@app/config/redis-keys';
