export { AuditTrail, readAuditEvents } from './AuditTrail';
export { historyWithAudit } from './historyWithAudit';
export { recordExport } from './recordExternal';
