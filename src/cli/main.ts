#!/usr/bin/env node
import * as fs from 'fs';
import * as path from 'path';
import { runDiff } from './diff';
import { runImport } from './import';
import { runReport } from './report';
import { runRules } from './rules';
import { runValidate } from './validate';

const USAGE = `usage: cdk8s-daemonsets <command> [options] <inputs>

commands:
  validate [options] <file|dir|->...   judge manifests (cdk8s-daemonsets help validate)
  import <file|dir|->                  print TypeScript that recreates DaemonSet manifests
  report --nodes <nodes.yaml> [options] <file|dir|->...
                                       DaemonSet tax report per node profile (cdk8s-daemonsets help report)
  diff [options] <before> <after>      what a change does to a running fleet: rollouts, waves, refused updates
                                       (cdk8s-daemonsets help diff)
  rules [options] [rule-id|family]...  the rule ids findings carry: severity, what, why, how to fix
                                       (cdk8s-daemonsets help rules; docs/rules.md)
  help [command]                       this text, or a command's options

options:
  -h, --help                           this text
  -v, --version                        the package version`;

/** What a CLI command prints and returns. */
interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const COMMANDS: Record<string, (args: string[]) => CliResult> = {
  validate: runValidate,
  import: args => runImport(args),
  report: runReport,
  diff: args => runDiff(args),
  rules: runRules,
};

/** The version in this package's package.json (lib/cli/main.js and src/cli/main.ts are both two levels down). */
export function packageVersion(): string {
  const file = path.join(__dirname, '..', '..', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf-8')) as { version: string }).version;
}

/** Runs the `cdk8s-daemonsets` command with `argv` (the arguments after the program name). */
export function run(argv: string[]): CliResult {
  const [command, ...rest] = argv;
  if (command === undefined) return { code: 2, stdout: '', stderr: `${USAGE}\n` };
  if (command === '-h' || command === '--help') return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
  if (command === '-v' || command === '--version') return { code: 0, stdout: `${packageVersion()}\n`, stderr: '' };
  if (command === 'help') {
    const topic = rest[0];
    if (topic === undefined) return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
    if (!Object.prototype.hasOwnProperty.call(COMMANDS, topic)) {
      return { code: 2, stdout: '', stderr: `cdk8s-daemonsets help: unknown command '${topic}'\n\n${USAGE}\n` };
    }
    return COMMANDS[topic](['--help']);
  }
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, command)) {
    return { code: 2, stdout: '', stderr: `cdk8s-daemonsets: unknown command '${command}'\n\n${USAGE}\n` };
  }
  return COMMANDS[command](rest);
}

/** Entry point of the `cdk8s-daemonsets` command: runs it and writes its output. */
export function main(argv: string[]): number {
  const result = run(argv);
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.code;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
