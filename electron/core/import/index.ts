export { ImportService, type ImportServiceDeps } from './ImportService';
export { ImportWriter } from './ImportWriter';
export { runImport } from './runImport';
