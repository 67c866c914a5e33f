/**
 * A stored API key travels with the base URL it was saved for: both go into the
 * secret store as one value, so the binding is as well protected as the key (with
 * safeStorage, encrypted together) and editing the providers table cannot point a
 * key elsewhere. Values stored before the binding existed are plain keys; they count
 * as bound to the provider's stored base URL.
 */
import { normalizeEndpoint, sameEndpoint } from '../../../shared/endpoint';

interface BoundKeyValue {
  v: 1;
  key: string;
  baseUrl: string;
}

export interface BoundKey {
  key: string;
  /** undefined for a value stored before keys were bound. */
  baseUrl: string | undefined;
}

export function encodeBoundKey(key: string, baseUrl: string): string {
  const value: BoundKeyValue = { v: 1, key, baseUrl: normalizeEndpoint(baseUrl) ?? baseUrl };
  return JSON.stringify(value);
}

export function decodeBoundKey(stored: string): BoundKey {
  if (stored.startsWith('{')) {
    try {
      const value = JSON.parse(stored) as Partial<BoundKeyValue>;
      if (value.v === 1 && typeof value.key === 'string' && typeof value.baseUrl === 'string')
        return { key: value.key, baseUrl: value.baseUrl };
    } catch {
      // Not ours: a plain key that happens to start with a brace.
    }
  }
  return { key: stored, baseUrl: undefined };
}

/** The key, if it may be sent to `baseUrl`; `legacyBaseUrl` binds an unbound old value. */
export function keyFor(
  stored: string,
  baseUrl: string,
  legacyBaseUrl: string | undefined,
): string | undefined {
  const bound = decodeBoundKey(stored);
  const boundTo = bound.baseUrl ?? legacyBaseUrl;
  return boundTo !== undefined && sameEndpoint(boundTo, baseUrl) ? bound.key : undefined;
}
