import type { Migration } from './index';

/** TEMP: stands in for main's migration 009 so this branch's migrations count from 1; drop at merge. */
export const m009Placeholder: Migration = {
  version: 9,
  name: 'placeholder for 009 (dropped at merge)',
  up() {},
};
