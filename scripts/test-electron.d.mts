export function displayPlan(facts: {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  binaryFound: boolean;
  hasXvfbRun: boolean;
}): { wrap: 'none' } | { wrap: 'xvfb-run' } | { wrap: 'fail'; why: string };
