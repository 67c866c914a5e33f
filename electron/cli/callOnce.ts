import type { CoreClient, SpoolCore } from '../core/SpoolCore';

/** One call on a client of its own, disposed at once. */
export async function callOnce<T>(core: SpoolCore, call: (client: CoreClient) => Promise<T>): Promise<T> {
  const client = core.connect(() => {});
  try {
    return await call(client);
  } finally {
    client.dispose();
  }
}
