/** A failed reply's error in plain words, and counts in the right plural. */
import { describe, expect, it } from 'vitest';
import { errorSentences, errorSource } from '../../../renderer/src/components/errorWords';
import { count } from '../../../renderer/src/plural';
import { ProviderErrorCode } from '../../../shared/api/schemas/providers';

describe('an error in plain words', () => {
  it('gives every error class its own sentences, with no code or jargon in them', () => {
    const classes = [...ProviderErrorCode.options, 'storage', 'internal'];
    const sentences = classes.map((code) => errorSentences(code, false));
    expect(new Set(sentences).size).toBe(classes.length);
    for (const sentence of sentences) expect(sentence).not.toMatch(/ECONN|HTTP|undefined|_/);
  });

  it('tells a connection lost mid-reply apart from failing to connect', () => {
    expect(errorSentences('connection_lost', true)).toBe(
      'The connection to the provider was lost in the middle of the reply. Everything that arrived before it is kept. Press Continue to carry on from where it stopped.',
    );
    expect(errorSentences('connect', false)).toBe(
      'Spool could not reach the provider. Nothing of the reply had arrived. Check that it is running and its address in Settings is right, then press Regenerate.',
    );
  });

  it('says what was kept and offers Continue only when some of the reply arrived', () => {
    expect(errorSentences('server', true)).toMatch(/kept\. Try Continue/);
    expect(errorSentences('server', false)).toMatch(/had arrived\. Try Regenerate/);
  });

  it('reads a class it does not know as the provider refusing the request', () => {
    expect(errorSentences('something_new', false)).toBe(errorSentences('provider', false));
  });

  it('calls the words of a storage error its own, and a provider error the provider’s', () => {
    expect(errorSource('storage')).toBe('The error in its own words');
    expect(errorSource('auth')).toBe('What the provider said');
  });
});

describe('a count', () => {
  it('uses the singular for one and the plural otherwise', () => {
    expect([0, 1, 2, 1500].map((n) => count(n, 'model'))).toEqual([
      '0 models',
      '1 model',
      '2 models',
      '1,500 models',
    ]);
  });

  it('takes an irregular plural', () => {
    expect(count(3, 'reply', 'replies')).toBe('3 replies');
  });
});
