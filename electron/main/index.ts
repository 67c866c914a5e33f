import { EXIT } from '../../shared/exitCodes';
import { cliArgs } from './args';
import { runCliInApp } from './cliMode';
import { startDesktopApp } from './desktop';

/**
 * Entry of the app binary: the `spool` command line when started with `--cli`
 * (the launcher in resources/cli), otherwise the desktop app.
 */
const cli = cliArgs(process.argv);
if (cli) {
  runCliInApp(cli).catch((err: unknown) => {
    console.error('spool:', err);
    process.exit(EXIT.failed);
  });
} else {
  startDesktopApp();
}
