export type NativeBuildStep = 'keep-node-build' | 'build-for-electron' | 'empty-release';
export function abiBindingPath(moduleDir: string, abi: string, platform?: string, arch?: string): string;
export function planNativeBuilds(state: {
  electronBinaryFound: boolean;
  forDist: boolean;
  releaseBuild: boolean;
  nodeBuild: boolean;
  electronBuild: boolean;
}): { skip: true } | { skip: false; steps: NativeBuildStep[] };
export function electronAbi(): string;
