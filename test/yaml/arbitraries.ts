/**
 * fast-check arbitraries for the emitter's differential test: Kubernetes-like JSON whose strings are drawn from the
 * tricky list, from grammars aimed at YAML's implicit types and indicators, and from random Unicode.
 */
import * as fc from 'fast-check';
import { TRICKY_STRINGS } from './tricky-strings';

/** Characters that matter to YAML's plain, quoted and block styles, plus a few ordinary ones and Unicode. */
const YAML_CHARS = [
  'a', 'b', 'k', 'z', 'A', '0', '1', '9', '.', '-', '+', '_', '/', '=', ':', ' ', ' ', '\t', '\n', '\n', '#', '~', '"', "'",
  '\\', '|', '>', '%', '@', '`', '!', '&', '*', '?', '[', ']', '{', '}', ',', '<', '\r', '\u0000', '\u0007', '\u001b', '\u007f',
  '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ud800', '\udfff', '😀', 'é', '中',
];

/** Characters of numbers, dates and the 1.1 keywords, to hit the edges of the implicit-type patterns. */
const NUMBER_CHARS = [
  '0', '1', '5', '7', '8', '9', '.', '-', '+', '_', ':', 'e', 'E', 'x', 'X', 'b', 'o', 'a', 'f', 'F', 'i', 'n', 'N', 'I', 't',
  'T', 'Z', ' ', '\t', 'y', 'Y', 's', 'l', 'u',
];

/** A string from the YAML-sensitive alphabet. */
export const yamlishString = fc.string({ unit: fc.constantFrom(...YAML_CHARS), maxLength: 14 });

/** Characters a literal block may hold raw: the alphabet above without line breaks, C0/C1 controls and lone surrogates. */
const BLOCK_CHARS = YAML_CHARS.filter((ch) => !/[\x00-\x08\x0a-\x1f\x7f-\x9f]|\p{Cs}/u.test(ch));

/** One line of a multi-line string, usually of characters a literal block holds raw. */
const blockLine = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom(...BLOCK_CHARS), maxLength: 14 }) },
  { weight: 3, arbitrary: fc.constantFrom('', ' ', 'line', '  nested', '# c', 'k: v', '- x', '---', '...', '%YAML 1.1', '\t', '"q"', "'q'") },
  { weight: 1, arbitrary: yamlishString },
);

/** A number-, date- or keyword-like string. */
export const numberishString = fc.oneof(
  fc.string({ unit: fc.constantFrom(...NUMBER_CHARS), maxLength: 8 }),
  fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 40 }),
    fc.constantFrom('', 'T10:20:30', 't1:2:3.45Z', ' 10:20:30 -5', '  1:02:03+05:30', 'T10:20', ' '))
    .map(([y, m, d, time]) => `${y}-${m}-${d}${time}`),
  fc.tuple(fc.integer({ min: -99, max: 999 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom('', '.5', '.', ':61', 'e3'))
    .map(([h, m, rest]) => `${h}:${m}${rest}`),
);

/** A multi-line string: lines from the YAML alphabet, with leading blanks and trailing line breaks of any count. */
export const multiLineString = fc.tuple(
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom('', ' ', '  ', '\t') }, { weight: 1, arbitrary: fc.constantFrom('\n', ' \n') }),
  fc.array(blockLine, { minLength: 2, maxLength: 5 }),
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom('', '\n', '\n\n', '\n\n\n') }, { weight: 1, arbitrary: fc.constantFrom(' ', '\n ', ' \n') }),
).map(([lead, lines, tail]) => `${lead}${lines.join('\n')}${tail}`);

/** Any string a test may throw at the emitter. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TRICKY_STRINGS) },
  { weight: 3, arbitrary: yamlishString },
  { weight: 2, arbitrary: numberishString },
  { weight: 2, arbitrary: multiLineString },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,20}[a-z0-9])?$/) },
);

/** A Kubernetes name, the most common string in a manifest. */
const k8sName = fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,20}[a-z0-9])?$/);

/** Strings as manifests mostly hold them (names, images, quantities, paths), now and then an adversarial one. */
export const realisticString: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: k8sName },
  {
    weight: 4,
    arbitrary: fc.constantFrom('50m', '64Mi', '1.5Gi', '/var/log', 'registry.example.com/agent:1.4.2', 'RollingUpdate', 'TCP',
      'app.kubernetes.io/name', 'spec.nodeName', 'kubernetes.io/os', 'Exists', 'NoSchedule', '[INPUT]\n    Name tail\n', 'true', '8080', ''),
  },
  { weight: 1, arbitrary: anyString },
);

/** A mapping key drawn from `strings`, usually a Kubernetes-ish name, rarely one with line breaks. */
function keyFrom(strings: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.stringMatching(/^([a-z0-9.-]{1,20}\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/) },
    { weight: 4, arbitrary: strings.filter((key) => !key.includes('\n')) },
    { weight: 1, arbitrary: strings },
  );
}

/** Scalars as JSON and cdk8s produce them, plus the odd JavaScript values `Yaml.stringify` accepts. */
function scalarFrom(strings: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: strings },
    { weight: 2, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e21, 1e-7, 2 ** 53 + 2, NaN, Infinity, -Infinity, 0.1 + 0.2, 5e-324) },
    { weight: 1, arbitrary: fc.bigInt() },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
  );
}

/** JSON-like trees of mappings and sequences (empty ones included) with scalars and keys from `strings`. */
export function treeFrom(strings: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const key = keyFrom(strings);
  const scalar = scalarFrom(strings);
  return fc.letrec<{ node: unknown }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('node'), { maxLength: 4 }),
      fc.dictionary(key, tie('node'), { maxKeys: 4 }),
    ),
  })).node;
}

/**
 * A Kubernetes-like object whose strings come from `strings`: metadata with labels and annotations, a pod
 * template, ConfigMap-like data, RBAC rules and an arbitrary tree under `extra`.
 */
export function kubernetesObject(strings: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  const key = keyFrom(strings);
  const scalar = scalarFrom(strings);
  const container = fc.record({
    name: k8sName,
    image: fc.oneof(fc.constantFrom('registry.example.com/agent:1.4.2', 'nginx', 'ghcr.io/a/b@sha256:abc'), strings),
    args: fc.array(strings, { maxLength: 4 }),
    env: fc.array(fc.record({ name: key, value: strings }), { maxLength: 3 }),
    ports: fc.array(fc.record({ containerPort: fc.integer({ min: 1, max: 65535 }), name: strings, protocol: fc.constantFrom('TCP', 'UDP') }),
      { maxLength: 2 }),
    resources: fc.record({
      requests: fc.dictionary(fc.constantFrom('cpu', 'memory'), fc.oneof(fc.constantFrom('50m', '64Mi', '0.5', '1', '1e3', '1.5Gi'), scalar)),
      limits: fc.dictionary(fc.constantFrom('cpu', 'memory'), scalar),
    }, { requiredKeys: [] }),
    securityContext: fc.record({ runAsNonRoot: fc.boolean(), runAsUser: fc.integer({ min: 0, max: 70000 }) }),
  }, { requiredKeys: ['name', 'image'] });
  return fc.record({
    apiVersion: fc.constantFrom('apps/v1', 'v1', 'rbac.authorization.k8s.io/v1'),
    kind: fc.constantFrom('DaemonSet', 'ConfigMap', 'Service', 'ClusterRole'),
    metadata: fc.record({
      name: fc.oneof(k8sName, strings),
      namespace: fc.constantFrom('agents', 'kube-system', 'yes', 'null', '0x1F'),
      labels: fc.dictionary(key, strings, { maxKeys: 4 }),
      annotations: fc.dictionary(key, fc.oneof(strings, multiLineString), { maxKeys: 3 }),
    }, { requiredKeys: ['name'] }),
    spec: fc.record({
      selector: fc.record({ matchLabels: fc.dictionary(key, strings, { maxKeys: 2 }) }),
      template: fc.record({
        spec: fc.record({ containers: fc.array(container, { maxLength: 2 }), nodeSelector: fc.dictionary(key, strings, { maxKeys: 2 }) }),
      }),
      updateStrategy: fc.record({ type: fc.constant('RollingUpdate'), rollingUpdate: fc.record({ maxUnavailable: fc.oneof(fc.integer(), strings) }) }),
    }, { requiredKeys: [] }),
    data: fc.dictionary(key, fc.oneof(multiLineString, strings), { maxKeys: 4 }),
    rules: fc.array(fc.record({ apiGroups: fc.array(strings, { maxLength: 2 }), verbs: fc.array(fc.constantFrom('get', 'list', '*'), { maxLength: 3 }) }),
      { maxLength: 2 }),
    extra: treeFrom(strings),
  }, { requiredKeys: ['apiVersion', 'kind', 'metadata'] });
}
