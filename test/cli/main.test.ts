import * as fs from 'fs';
import * as path from 'path';
import { packageVersion, run } from '../../src/cli/main';

const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf-8'));

describe('cdk8s-daemonsets command', () => {
  test.each([['--help'], ['-h'], ['help']])('%s prints the usage to stdout and exits 0', flag => {
    const r = run([flag]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^usage: cdk8s-daemonsets <command>/);
    expect(r.stdout).toMatch(/validate/);
    expect(r.stdout).toMatch(/\n  rules /);
    expect(r.stdout).toMatch(/--version/);
  });

  test.each([['validate', /usage: cdk8s-daemonsets validate/], ['import', /usage: cdk8s-daemonsets import/], ['report', /usage: cdk8s-daemonsets report/], ['diff', /usage: cdk8s-daemonsets diff/], ['rules', /usage: cdk8s-daemonsets rules/]])(
    'help %s prints that command\'s usage to stdout', (command, usage) => {
      const r = run(['help', command]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(usage);
      expect(r.stderr).toBe('');
    });

  test.each([['--version'], ['-v']])('%s prints the package version', flag => {
    const r = run([flag]);
    expect(r).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
    expect(packageVersion()).toBe(pkg.version);
  });

  test('no command: usage on stderr, exit 2', () => {
    const r = run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^usage:/);
  });

  test.each([['frobnicate'], ['constructor'], ['__proto__'], ['toString']])('unknown command %s: named on stderr, exit 2', command => {
    const r = run([command]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`unknown command '${command}'`);
  });

  test('help for an unknown command exits 2', () => {
    expect(run(['help', 'constructor']).code).toBe(2);
  });

  test('the entry point starts with a node shebang, so the npm bin can run it', () => {
    const src = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts'), 'utf-8');
    expect(src.startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
