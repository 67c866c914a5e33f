export interface SecurityFinding {
  id: string;
  file: string;
  line: number;
  description: string;
}
export interface AllowlistEntry {
  check: string;
  file: string;
  reason: string;
}
export const ALLOWLIST_FILE: string;
export function judgeFindings(
  findings: SecurityFinding[],
  allowlist: { findings?: AllowlistEntry[] },
): { unlisted: SecurityFinding[]; stale: AllowlistEntry[]; withoutReason: AllowlistEntry[]; ok: boolean };
export function scan(
  excludedChecks: string[],
): Promise<{ files: string[]; findings: SecurityFinding[]; errors: string[] }>;
