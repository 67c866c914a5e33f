import type { ApiHandlers } from '../api/types';
import { writeReportBundle, type ReportDeps } from './reportBundle';

/** `diagnostics.report`: the "Report a problem" bundle. */
export function diagnosticsHandlers(deps: ReportDeps): Pick<ApiHandlers, 'diagnostics.report'> {
  return { 'diagnostics.report': ({ messageId }) => writeReportBundle(deps, messageId) };
}
