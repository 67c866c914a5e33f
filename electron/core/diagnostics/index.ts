export { RecentLog } from './RecentLog';
export { recentReplies } from './recentReplies';
export { redactSecrets } from './redact';
export { writeReportBundle, type ReportDeps, type WrittenReport } from './reportBundle';
export { findReport, reportsDir } from './reportFiles';
export { writeZip, type ZipEntry } from './zip';
