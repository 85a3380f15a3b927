import * as kplus from 'cdk8s-plus-27';
import { checkSecretValue, outputError } from './checks';
import { LogOutputSpec } from './common';
import { checkInstance, checkObject, checkOptionalArray, checkString } from '../../../input-checks';
import { checkEnvVarName } from '../../../k8s/syntax';
import { FluentBitSection } from '../../fluent-bit-config';

/**
 * An environment variable of the fluent-bit container read from a Secret, for `${NAME}`
 * references in a raw section.
 */
export interface LogOutputSecretEnv {
  /** The variable's name, referenced as `${NAME}` in the section. */
  readonly name: string;
  /** The Secret key holding the value. */
  readonly value: kplus.SecretValue;
}

/**
 * Options for `LogOutput.raw()`.
 */
export interface RawLogOutputOptions {
  /**
   * Secret values the section references as `${NAME}`; each becomes an env var of the
   * fluent-bit container.
   * @default - none
   */
  readonly secretEnv?: LogOutputSecretEnv[];
}

/**
 * The `[OUTPUT]` section of `LogOutput.raw()`, its options checked first.
 * @internal
 */
export function rawOutputSpec(section: FluentBitSection, options: RawLogOutputOptions = {}): LogOutputSpec {
  const f = 'LogOutput.raw';
  checkInstance(f, 'section', section, FluentBitSection, 'a FluentBitSection (FluentBitSection.output(name, match, properties))');
  checkObject(f, 'options', options, 'a RawLogOutputOptions object');
  checkOptionalArray<LogOutputSecretEnv>(f, 'secretEnv', options.secretEnv, 'LogOutputSecretEnv values')?.forEach((e, i) => {
    checkObject(f, `secretEnv[${i}]`, e, 'a LogOutputSecretEnv ({ name, value })');
    checkString(f, `secretEnv[${i}].name`, e.name, { nonEmpty: true });
    checkSecretValue(f, `secretEnv[${i}].value`, e.value);
  });
  if (section.kind !== 'OUTPUT') {
    throw outputError(f, 'section', `the section is a [${section.kind}] section; an output needs FluentBitSection.output(name, match, properties)`);
  }
  const seen = new Set<string>();
  for (const s of options.secretEnv ?? []) {
    const problem = checkEnvVarName(s.name);
    if (problem) throw outputError(f, 'secretEnv', `secretEnv name '${s.name}' ${problem}`);
    if (seen.has(s.name)) throw outputError(f, 'secretEnv', `secretEnv name '${s.name}' is listed twice`);
    seen.add(s.name);
  }
  return {
    plugin: section.name!, envPrefix: '', common: {}, secrets: options.secretEnv ?? [], build: () => [], raw: section,
  };
}
