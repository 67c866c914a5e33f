export { diagnosticsHandlers } from './handlers';
export { RecentLog } from './RecentLog';
export { redactSecrets } from './redact';
export { writeReportBundle, type ReportDeps } from './reportBundle';
export { crc32, writeZip, type ZipEntry } from './zip';
