import * as fc from 'fast-check';
import { agentFinding, sampleResult } from './results';
import { childElements, parseXml, textOf, XmlElement } from './xml';
import { formatJunit, xmlAttribute, xmlText } from '../../../src/cli/output/junit';
import { Severity } from '../../../src/validation/rule';

function suites(xml: string): XmlElement[] {
  const root = parseXml(xml);
  expect(root.name).toBe('testsuites');
  return childElements(root, 'testsuite');
}

test('a test suite per file, a test case per object, a failure per error or warning, infos as output', () => {
  const xml = formatJunit(sampleResult());
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const root = parseXml(xml);
  expect(root.attributes).toEqual({ name: 'cdk8s-daemonsets validate', tests: '4', failures: '3', errors: '0' });
  const [agents, stdin, none] = suites(xml);
  expect(suites(xml).map(s => s.attributes.name)).toEqual(['dist/agents.yaml', '<stdin>', 'cdk8s-daemonsets']);
  expect(agents.attributes).toEqual({ name: 'dist/agents.yaml', tests: '2', failures: '1', errors: '0', skipped: '0' });
  const [daemonSet, configMap] = childElements(agents, 'testcase');
  expect(daemonSet.attributes).toEqual({ name: 'DaemonSet node-agents/node-agent', classname: 'dist/agents.yaml', file: 'dist/agents.yaml' });
  const failures = childElements(daemonSet, 'failure');
  expect(failures.map(f => f.attributes)).toEqual([
    { message: "error semantics/host-path spec.template.spec.volumes[0].hostPath.path: hostPath '/var/log/../log' of volume 'varlog' must not contain '..'", type: 'semantics/host-path' },
    { message: "warning semantics/env-names spec.template.spec.containers[0].env[2]: environment variable 'LOG_LEVEL' hides its previous definition", type: 'semantics/env-names' },
  ]);
  expect(textOf(failures[0])).toBe("dist/agents.yaml:35:13: error semantics/host-path spec.template.spec.volumes[0].hostPath.path: hostPath '/var/log/../log' of volume 'varlog' must not contain '..'\n    hint: write the path without ..");
  expect(textOf(childElements(daemonSet, 'system-out')[0])).toBe('dist/agents.yaml:10:1: info best-practice/update-strategy spec.updateStrategy: the DaemonSet sets no updateStrategy');
  // An object without findings passes.
  expect(configMap.children).toEqual([]);
  expect(childElements(childElements(stdin, 'testcase')[0], 'failure')).toHaveLength(1);
  expect(childElements(none, 'testcase')[0].attributes.name).toBe('(no object)');
});

test('nothing validated: an empty, well-formed document', () => {
  const root = parseXml(formatJunit({ objectCount: 0, findings: [], objects: [], failed: false, suppressed: [] }));
  expect(root).toEqual({ name: 'testsuites', attributes: { name: 'cdk8s-daemonsets validate', tests: '0', failures: '0', errors: '0' }, children: ['\n'] });
});

test('hostile text stays well-formed and reads back: markup, quotes, ]]>, line breaks, control characters, lone surrogates', () => {
  const message = 'a <b> & "c" \'d\' ]]> e\r\nf\tg \u0001 \ud800 😀';
  const f = agentFinding({ message, file: 'x"&<y>.yaml', name: 'n"&<>' });
  const xml = formatJunit({ objectCount: 1, findings: [f], objects: [{ label: 'DaemonSet n"&<>', file: f.file, findings: [f] }], failed: true, suppressed: [] });
  expect(xml).not.toMatch(/\r/);
  const failure = childElements(childElements(suites(xml)[0], 'testcase')[0], 'failure')[0];
  expect(suites(xml)[0].attributes.name).toBe('x"&<y>.yaml');
  // Characters XML cannot hold are written as \uXXXX; everything else reads back as it was.
  expect(failure.attributes.message).toContain('a <b> & "c" \'d\' ]]> e\r\nf\tg \\u0001 \\ud800 😀');
  expect(textOf(failure)).toContain('a <b> & "c" \'d\' ]]> e\r\nf\tg \\u0001 \\ud800 😀');
});

test('any string is well-formed as text and as an attribute', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), s => {
    const root = parseXml(`<a b="${xmlAttribute(s)}">${xmlText(s)}</a>`);
    expect(root.attributes.b).toBe(textOf(root));
  }));
});

test('the XML reader used here refuses what is not well-formed', () => {
  expect(() => parseXml('<a>')).toThrow(/never closed/);
  expect(() => parseXml('<a></b>')).toThrow(/closes <a>/);
  expect(() => parseXml('<a>x & y</a>')).toThrow(/raw '&'/);
  expect(() => parseXml('<a b="<"/>')).toThrow(/raw '<'/);
  expect(() => parseXml('<a b="1" b="2"/>')).toThrow(/duplicate attribute/);
  expect(() => parseXml('<a>]]></a>')).toThrow(/]]>/);
  expect(() => parseXml('<a>\u0001</a>')).toThrow(/XML 1\.0 cannot hold/);
  expect(() => parseXml('<a/><b/>')).toThrow(/content after the root/);
  expect(() => parseXml('<a>&nbsp;</a>')).toThrow(/unknown entity/);
});

test('warnings fail a test case; infos alone do not', () => {
  const info = agentFinding({ severity: Severity.INFO });
  const root = parseXml(formatJunit({ objectCount: 1, findings: [info], objects: [{ label: 'X', file: 'f.yaml', findings: [info] }], failed: false, suppressed: [] }));
  expect(root.attributes.failures).toBe('0');
});
