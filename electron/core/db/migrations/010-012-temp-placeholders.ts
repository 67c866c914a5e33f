import type { Migration } from './index';

/** TEMPORARY: stand-ins for migrations 010–012 written on other branches; dropped at merge. */
const placeholder = (version: number): Migration => ({
  version,
  name: `placeholder ${version} (other branch)`,
  up() {},
});

export const m010Placeholder = placeholder(10);
export const m011Placeholder = placeholder(11);
export const m012Placeholder = placeholder(12);
