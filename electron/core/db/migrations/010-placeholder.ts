import type { Migration } from './index';

/** TEMP placeholder for migration 010 (imports), merged from main; the lead drops this file. */
export const m010Placeholder: Migration = { version: 10, name: 'placeholder', up() {} };
