/**
 * The providers.* API calls over a ProviderRegistry, for the lead to spread into
 * SpoolCore's handler map once providerCalls joins shared/api/contract.ts.
 */
import type { z } from 'zod';
import type { providerCalls } from '../../../../shared/api/schemas/providers';
import type { ProviderRegistry } from '../../providers/ProviderRegistry';

type Calls = typeof providerCalls;
export type ProviderHandlers = {
  [C in keyof Calls]: (request: z.output<Calls[C]['request']>) => Promise<z.output<Calls[C]['reply']>>;
};

export function providerHandlers(registry: ProviderRegistry): ProviderHandlers {
  return {
    'providers.list': () => registry.list(),
    'providers.save': ({ provider, apiKey }) => registry.save(provider, apiKey),
    'providers.delete': ({ id }) => registry.delete(id),
    'providers.test': (request) => registry.test(request),
    'providers.models': ({ id }) => registry.models(id),
    'providers.detectLocal': () => registry.detectLocal(),
  };
}
