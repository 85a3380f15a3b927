import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WITH_PLUGIN } from './cdk8s-cli-host';
import { pluginWillReport } from '../../../src/validation/cdk8s/plugin-configured';

/** A directory with this `cdk8s.yaml` (none when undefined). */
function dirWith(config: string | undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-configured-'));
  if (config !== undefined) fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), config);
  return dir;
}

const UNDER_SYNTH = { CDK8S_RECORD_CONSTRUCT_METADATA: 'true' };

test('cdk8s synth with DaemonSetsValidation among the validations: the plugin reports', () => {
  expect(pluginWillReport(UNDER_SYNTH, dirWith(WITH_PLUGIN))).toBe(true);
  const twoPlugins = 'validations:\n  - { package: other-plugin, version: 1.0.0, class: Other }\n  - { package: cdk8s-daemonsets, version: 1.0.0, class: DaemonSetsValidation }\n';
  expect(pluginWillReport(UNDER_SYNTH, dirWith(twoPlugins))).toBe(true);
});

test.each([
  ['the app run on its own', {}, WITH_PLUGIN],
  ['cdk8s synth --no-validate', { CDK8S_RECORD_CONSTRUCT_METADATA: 'false' }, WITH_PLUGIN],
  ['no cdk8s.yaml in the working directory', UNDER_SYNTH, undefined],
  ['another plugin only', UNDER_SYNTH, WITH_PLUGIN.replace('DaemonSetsValidation', 'OtherValidation')],
  ['validations fetched from a URL', UNDER_SYNTH, 'validations: https://example.com/validations.yaml\n'],
  ['a cdk8s.yaml that is no YAML', UNDER_SYNTH, 'validations: [unclosed\n'],
  ['an empty cdk8s.yaml', UNDER_SYNTH, ''],
] as [string, { [key: string]: string }, string | undefined][])('%s: the app prints its warnings', (_name, env, config) => {
  expect(pluginWillReport(env, dirWith(config))).toBe(false);
});

test('a changed cdk8s.yaml is read again', () => {
  const dir = dirWith(WITH_PLUGIN);
  expect(pluginWillReport(UNDER_SYNTH, dir)).toBe(true);
  fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), 'validations: []\n');
  expect(pluginWillReport(UNDER_SYNTH, dir)).toBe(false);
});
