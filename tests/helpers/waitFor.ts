/**
 * The tests' one polling helper: checks `check` every few milliseconds (no fixed sleeps)
 * until it returns a value other than undefined or false, and returns that value; fails
 * naming `what` after `timeoutMs`.
 */
export async function waitFor<T>(
  check: () => T | undefined | false,
  what = 'condition',
  timeoutMs = 20_000,
): Promise<Exclude<T, undefined | false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value as Exclude<T, undefined | false>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
