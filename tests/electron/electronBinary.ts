import { findElectronBinary } from '../../scripts/electron-binary.mjs';

/** Set by global setup when the suite cannot run here, read by the specs to skip. */
export const MISSING_ENV = 'SPOOL_ELECTRON_MISSING';

export { findElectronBinary };
