export const DEFAULT_MODEL: string;
export const EXPECTED_OPENING: string;
export function packagedExecutable(releaseDir: string, platform: NodeJS.Platform, arch: string): string;
export function cliArgs(platform: NodeJS.Platform, args: string[]): string[];
export function runSmoke(options: {
  exe: string;
  model: string;
  timeoutMs?: number;
}): { step: string; ok: boolean; detail: string }[];
