import { runImport } from './import';
import { runReport } from './report';
import { runValidate } from './validate';

const USAGE = `usage:
  cdk8s-daemonsets validate [options] <file|dir|->...   judge manifests (cdk8s-daemonsets validate --help)
  cdk8s-daemonsets import <file|dir|->                  print TypeScript that recreates DaemonSet manifests
  cdk8s-daemonsets report --nodes <nodes.yaml> [options] <file|dir|->...
                                                        DaemonSet tax report per node profile (cdk8s-daemonsets report --help)`;

/** Entry point of the `cdk8s-daemonsets` command. */
export function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === 'validate' || command === 'import' || command === 'report') {
    const result = command === 'import' ? runImport(rest) : command === 'report' ? runReport(rest) : runValidate(rest);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    return result.code;
  }
  process.stderr.write(`${command ? `unknown command '${command}'\n` : ''}${USAGE}\n`);
  return command === '--help' || command === '-h' ? 0 : 2;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
