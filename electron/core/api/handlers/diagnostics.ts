import type { RecentReply } from '../../../../shared/api/schemas/diagnostics';
import { ApiFailure } from '../../../../shared/api/result';
import type { ApiHandlers } from '../types';
import { writeReportBundle, type ReportDeps } from '../../diagnostics/reportBundle';
import { findReport } from '../../diagnostics/reportFiles';

export interface DiagnosticsHandlerDeps extends ReportDeps {
  /** The latest replies with a chunk log, newest first (diagnostics/recentReplies.ts). */
  recentReplies(limit: number): RecentReply[];
  /** Desktop: opens the OS file manager on the file. Absent (browser mode, CLI): reports are downloaded. */
  showInFolder?(file: string): void;
}

const DEFAULT_RECENT_REPLIES = 20;

/** "Report a problem": writing the bundle, the replies it can include, and showing it. */
export function diagnosticsHandlers(
  deps: DiagnosticsHandlerDeps,
): Pick<ApiHandlers, 'diagnostics.report' | 'diagnostics.recentReplies' | 'diagnostics.showReport'> {
  return {
    'diagnostics.report': async ({ messageId }) => ({
      ...(await writeReportBundle(deps, messageId)),
      canShowInFolder: deps.showInFolder !== undefined,
    }),
    'diagnostics.recentReplies': ({ limit }) => ({
      replies: deps.recentReplies(limit ?? DEFAULT_RECENT_REPLIES),
    }),
    'diagnostics.showReport': ({ fileName }) => {
      if (!deps.showInFolder) {
        throw new ApiFailure(
          'CONFLICT',
          'This window has no file manager to show the report in: download it.',
        );
      }
      const file = findReport(deps.dataDir, fileName);
      if (!file) throw new ApiFailure('NOT_FOUND', `No report named ${fileName}.`);
      deps.showInFolder(file);
      return {};
    },
  };
}
