import type { ProviderErrorCode } from '../../../shared/providerErrors';

/**
 * What a failed reply's error means, in words a person understands: what happened,
 * what was kept, and what to do. The provider's own words are shown beside this, one
 * click away. Classes are the `code` of a message's error (ProviderErrorCode, plus
 * Spool's own 'storage' and 'internal').
 */
interface Words {
  /** What happened. */
  what: string;
  /** What to do, when something was kept (Continue carries on from it). */
  withText: string;
  /** What to do, when nothing had arrived. */
  withoutText: string;
}

/** Every provider error class (shared/providerErrors.ts) and Spool's own: the compiler refuses a missing one. */
const CLASSES: Record<ProviderErrorCode | 'storage' | 'internal', Words> = {
  connect: {
    what: 'Spool could not reach the provider.',
    withText: 'Check that it is running and its address in Settings is right, then press Continue.',
    withoutText: 'Check that it is running and its address in Settings is right, then press Regenerate.',
  },
  connection_lost: {
    what: 'The connection to the provider was lost in the middle of the reply.',
    withText: 'Press Continue to carry on from where it stopped.',
    withoutText: 'Press Regenerate to ask again.',
  },
  rate_limit: {
    what: 'The provider is limiting how many requests you can make, and kept saying no after Spool waited and tried again.',
    withText: 'Wait a minute, then press Continue.',
    withoutText: 'Wait a minute, then press Regenerate.',
  },
  server: {
    what: 'The provider had a problem on its side and could not answer, even after Spool tried again.',
    withText: 'Try Continue in a moment.',
    withoutText: 'Try Regenerate in a moment.',
  },
  first_chunk_timeout: {
    what: 'The provider did not start replying in time, so Spool stopped waiting.',
    withText: 'Press Continue to try again.',
    withoutText: 'Press Regenerate to try again; a large model may need a moment to load first.',
  },
  idle_timeout: {
    what: 'The provider stopped sending in the middle of the reply, so Spool stopped waiting.',
    withText: 'Press Continue to carry on from where it stopped.',
    withoutText: 'Press Regenerate to ask again.',
  },
  malformed: {
    what: 'The provider sent something Spool could not read as a reply.',
    withText: 'Press Continue to try again, or choose another model.',
    withoutText: 'Press Regenerate to try again, or choose another model.',
  },
  auth: {
    what: 'The provider refused the API key.',
    withText: 'Check the key in Settings, then press Continue.',
    withoutText: 'Check the key in Settings, then press Regenerate.',
  },
  storage: {
    what: 'Spool could not save this reply to disk.',
    withText: 'Free some disk space, then press Continue; what you see stays on screen until then.',
    withoutText: 'Free some disk space, then press Regenerate.',
  },
  internal: {
    what: 'Something went wrong inside Spool.',
    withText: 'Press Continue to try again; if it happens again, use Report a problem in Diagnostics.',
    withoutText: 'Press Regenerate to try again; if it happens again, use Report a problem in Diagnostics.',
  },
  provider: {
    what: 'The provider refused the request.',
    withText: 'Its own words say why; change what they point at, then press Continue.',
    withoutText: 'Its own words say why; change what they point at, then press Regenerate.',
  },
};

/** The sentences for an error of class `code`, given whether any of the reply had arrived. */
export function errorSentences(code: string, keptText: boolean): string {
  const words = (CLASSES as Record<string, Words | undefined>)[code] ?? CLASSES.provider;
  const kept = keptText ? 'Everything that arrived before it is kept.' : 'Nothing of the reply had arrived.';
  return `${words.what} ${kept} ${keptText ? words.withText : words.withoutText}`;
}

/** Whose words the error's own message is: the provider's, or the system's. */
export function errorSource(code: string): string {
  return code === 'storage' || code === 'internal' ? 'The error in its own words' : 'What the provider said';
}
