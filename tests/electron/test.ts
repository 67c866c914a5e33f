import { test as base } from '@playwright/test';
import { expectNoContractViolations } from '../helpers/contractLog';
import { checkContractsInto } from './launch';

/**
 * The Electron specs' `test`: every app a test launches checks each reply and event its
 * windows are given against its schema, and one outside it fails the test, naming the
 * channel or event and the zod issue — as the browser-mode `host` fixture does. Checked
 * after the test body, whose `finally` has closed (or killed) its apps by then.
 */
export const test = base.extend<{ contractCheck: void }>({
  contractCheck: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, testInfo) => {
      const file = testInfo.outputPath('contract-violations.jsonl');
      checkContractsInto(file);
      await use();
      checkContractsInto(null);
      expectNoContractViolations(file);
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
