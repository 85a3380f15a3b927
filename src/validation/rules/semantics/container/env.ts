import { Checked, isSet } from './checked';
import { configKeyProblem } from '../../../../k8s/config-keys';
import { ENV_FIELD_PATHS, fieldSelectorProblems, resourceFieldSelectorProblems } from '../../../../k8s/downward-api';
import { envVarNameProblem } from '../../../../k8s/env-var-names';
import { asObject, isObject, structItems, text } from '../../../../k8s/shape';
import { checkDns1123Label, checkDns1123Subdomain } from '../../../../k8s/syntax';
import { Add } from '../checks';

type Json = { [key: string]: any };

const SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'] as const;

/**
 * A container's env: names (`ValidateEnv`: required, then `IsRelaxedEnvVarName` since 1.32, `IsEnvVarName`
 * before) and value sources (`validateEnvVarValueFrom`: exactly one source, none with a non-empty `value`, and each
 * source's own rules); fileKeyRef volumes must be emptyDir volumes of the pod (`validateFileKeyRefVolumes`), all in
 * pkg/apis/core/validation/validation.go. Two variables of one name are the API server's warning only
 * (`GetWarningsForPodTemplate`).
 */
export function checkEnv(at: Checked, volumes: Map<string, Json>, add: Add): void {
  const { c, path, who, minor } = at;
  const seen = new Set<string>();
  for (const { item: e, index: j } of structItems(c.env)) {
    const ep = `${path}.env[${j}]`;
    const name = e.name ?? '';
    if (name === '') {add('env-names', `${ep}.name`, `${who} env[${j}] has no name; a name is required`);} else if (typeof name === 'string') {
      const problem = envVarNameProblem(name, minor);
      if (problem) add('env-names', `${ep}.name`, `${who} environment variable name '${name}' ${problem}`);
      if (seen.has(name) && hidesPrevious(e, name)) add('env-names', ep, `${who} environment variable '${name}' hides its previous definition, which may be dropped when using apply (the API server accepts this with a warning)`, 'warning');
      seen.add(name);
    }
    if (isObject(e.valueFrom)) checkValueFrom(e, `${ep}.valueFrom`, who, volumes, minor, add);
  }
}

/** Whether a repeated variable is one the API server warns about: a valueFrom, or a value that does not extend `$(NAME)`. */
function hidesPrevious(e: Json, name: string): boolean {
  const ref = `$(${name})`;
  const value = typeof e.value === 'string' ? e.value : '';
  return isSet(e.valueFrom) || value === ref || !value.includes(ref);
}

function checkValueFrom(e: Json, vp: string, who: string, volumes: Map<string, Json>, minor: number, add: Add): void {
  const from = e.valueFrom;
  const sources = SOURCES.filter(s => isSet(from[s]) && (s !== 'fileKeyRef' || minor >= 35));
  if (sources.length === 0) {
    add('env-value-from', vp, `${who} env '${text(e.name)}' valueFrom names no source; it must specify one of: fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef${minor >= 35 ? ' or fileKeyRef' : ''}`);
  } else if (typeof e.value === 'string' && e.value !== '') {
    add('env-value-from', vp, `${who} env '${text(e.name)}' sets both value and valueFrom; valueFrom may not be specified when value is not empty`);
  } else if (sources.length > 1) {
    add('env-value-from', vp, `${who} env '${text(e.name)}' valueFrom sets ${sources.join(' and ')}; it may not have more than one source at a time`);
  }
  const report = (source: string, problems: { field: string; message: string }[]) => {
    for (const p of problems) add('env-value-from', `${vp}.${source}${p.field ? `.${p.field}` : ''}`, `${who} env '${text(e.name)}' ${source}: ${p.message}`);
  };
  if (isSet(from.fieldRef)) report('fieldRef', fieldSelectorProblems(from.fieldRef, ENV_FIELD_PATHS));
  if (isSet(from.resourceFieldRef)) report('resourceFieldRef', resourceFieldSelectorProblems(from.resourceFieldRef, false));
  for (const source of ['configMapKeyRef', 'secretKeyRef']) {
    if (isSet(from[source])) report(source, keySelectorProblems(asObject(from[source])));
  }
  if (isSet(from.fileKeyRef) && minor >= 35) report('fileKeyRef', fileKeySelectorProblems(asObject(from.fileKeyRef), volumes, minor));
}

/** Mirrors `validateConfigMapKeySelector` / `validateSecretKeySelector`: a DNS-1123 subdomain name (even empty fails), a config key. */
function keySelectorProblems(s: Json): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const name = s.name ?? '';
  if (typeof name === 'string') {
    const np = checkDns1123Subdomain(name);
    if (np) problems.push({ field: 'name', message: `name '${name}' ${np}` });
  }
  const key = s.key ?? '';
  if (key === '') {problems.push({ field: 'key', message: 'key: Required value' });} else if (typeof key === 'string') {
    const kp = configKeyProblem(key);
    if (kp) problems.push({ field: 'key', message: `key '${key}' ${kp}` });
  }
  return problems;
}

/** Mirrors `validateFileKeySelector` and `validateFileKeyRefVolumes`: key an env name, volumeName an emptyDir volume, path without '..'. */
function fileKeySelectorProblems(s: Json, volumes: Map<string, Json>, minor: number): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const need = (field: string, v: unknown, check: (v: string) => string | undefined) => {
    if ((v ?? '') === '') {problems.push({ field, message: `${field}: Required value` });} else if (typeof v === 'string') {
      const p = check(v);
      if (p) problems.push({ field, message: `${field} '${v}' ${p}` });
    }
  };
  need('key', s.key, k => envVarNameProblem(k, Math.max(minor, 32)));
  need('volumeName', s.volumeName, checkDns1123Label);
  need('path', s.path, p => p.split('/').includes('..') ? 'must not contain \'..\'' : undefined);
  if (typeof s.volumeName === 'string' && s.volumeName !== '') {
    const volume = volumes.get(s.volumeName);
    if (volume === undefined) problems.push({ field: 'volumeName', message: `volume '${s.volumeName}' is not a volume of the pod (Not found)` });
    else if (!isSet(volume.emptyDir) && !onlyDefaultedToEmptyDir(volume)) problems.push({ field: 'volumeName', message: `volume '${s.volumeName}' must be of type emptyDir` });
  }
  return problems;
}

/** A volume with no source at all is defaulted to an emptyDir (`SetDefaults_Volume`). */
function onlyDefaultedToEmptyDir(volume: Json): boolean {
  return Object.keys(volume).every(k => k === 'name' || !isSet(volume[k]));
}

/**
 * A container's envFrom: the prefix an env name (`ValidateEnvFrom`), exactly one of configMapRef and secretRef,
 * whose name is required and a DNS-1123 subdomain (a trailing '-' allowed: it is checked as a prefix).
 */
export function checkEnvFrom({ c, path, who, minor }: Checked, add: Add): void {
  for (const { item: e, index: j } of structItems(c.envFrom)) {
    const ep = `${path}.envFrom[${j}]`;
    if (typeof e.prefix === 'string' && e.prefix !== '') {
      const problem = envVarNameProblem(e.prefix, minor);
      if (problem) add('env-names', `${ep}.prefix`, `${who} envFrom prefix '${e.prefix}' ${problem}`);
    }
    const sources = ['configMapRef', 'secretRef'].filter(s => isSet(e[s]));
    if (sources.length === 0) add('env-from', `${path}.envFrom`, `${who} envFrom[${j}] names no source; it must specify one of: configMapRef or secretRef`);
    if (sources.length > 1) add('env-from', `${path}.envFrom`, `${who} envFrom[${j}] sets both configMapRef and secretRef; it may not have more than one source at a time`);
    for (const source of sources) {
      const name = asObject(e[source]).name ?? '';
      if (name === '') {add('env-from', `${ep}.${source}.name`, `${who} envFrom[${j}] ${source} has no name; a name is required`);} else if (typeof name === 'string') {
        const problem = checkDns1123Subdomain(name.endsWith('-') ? `${name.slice(0, -1)}a` : name);
        if (problem) add('env-from', `${ep}.${source}.name`, `${who} envFrom[${j}] ${source} name '${name}' ${problem}`);
      }
    }
  }
}
