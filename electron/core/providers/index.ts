/** The provider layer's public surface (see README.md). */
export { streamReply, DEFAULT_FIRST_CHUNK_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS } from './streamReply';
export type { StreamReplyOptions, RetryInfo } from './streamReply';
export { describeRequest, safeBaseUrl, type RequestDescription } from './describeRequest';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export { classifyError, redact, type ProviderFailure } from './errors';
export { buildPrompt, toModelMessages, CONTINUE_INSTRUCTION, type ReplyMessage } from './messages';
export { defaultContinueStyle, type FetchFn } from './models';
export { listModels, testConnection, detectLocal, DEFAULT_LOCAL_HOSTS, type LocalHosts } from './catalog';
export { ProviderRegistry, type ProviderRegistryDeps, type ApiKeyChange } from './ProviderRegistry';
export { SqliteProviderStorage, type ProviderStorage } from './ProviderStorage';
export { PROVIDERS_TABLE_SQL } from './schema.sql';
