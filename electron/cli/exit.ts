import type { ExitCode } from '../../shared/exitCodes';

/** The one exit-code table of every Spool process (shared/exitCodes.ts). */
export { EXIT, type ExitCode } from '../../shared/exitCodes';

/** A failure the CLI reports in one clear line and exits with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
