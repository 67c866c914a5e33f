import type { ContractCheck } from '../../../shared/api/contractCheck';

/** Names the file a test run's contract violations go to; unset (every real run), nothing is checked. */
export const CONTRACT_CHECK_ENV = 'SPOOL_CONTRACT_CHECK';

/**
 * What the shells (browser mode, the desktop app) pass to `SpoolCore.open` as
 * `contractCheck`. The checker and the event schemas are loaded only when the variable is
 * set, so a real run neither loads them nor wraps a single client.
 */
export async function contractCheckFromEnv(
  env: Record<string, string | undefined> = process.env,
): Promise<ContractCheck | undefined> {
  const file = env[CONTRACT_CHECK_ENV];
  if (!file) return undefined;
  const { contractCheckLog } = await import('./contractCheckLog');
  return contractCheckLog(file);
}
