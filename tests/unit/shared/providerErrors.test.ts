/** One list of provider error classes (shared/providerErrors.ts) behind the schemas and the figures. */
import { expect, it } from 'vitest';
import { ProviderErrorCode } from '../../../shared/api/schemas/providers';
import { ProviderErrorClass } from '../../../shared/api/schemas/stats';
import {
  PROVIDER_ERROR_CODES,
  PROVIDER_ERROR_STAT_CLASSES,
  PROVIDER_FAILURE_CLASSES,
  statClassOf,
} from '../../../shared/providerErrors';

it('the error-code schema accepts exactly the shared codes', () => {
  expect(ProviderErrorCode.options).toEqual([...PROVIDER_ERROR_CODES]);
  expect(ProviderErrorCode.safeParse('other').success).toBe(false);
});

it('the figures count by exactly the shared classes, plus other', () => {
  expect(ProviderErrorClass.options).toEqual([...PROVIDER_FAILURE_CLASSES, 'other']);
  expect(ProviderErrorClass.options).toEqual([...PROVIDER_ERROR_STAT_CLASSES]);
});

it('counts each failure class as itself', () => {
  for (const c of PROVIDER_FAILURE_CLASSES) expect(statClassOf(c)).toBe(c);
});

it("counts a plain 'provider' error, Spool's own codes and unknown ones as other", () => {
  for (const code of ['provider', 'storage', 'internal', 'no-such-class', null, 429]) {
    expect(statClassOf(code)).toBe('other');
  }
});
