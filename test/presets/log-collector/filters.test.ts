import { Duration, Size, Testing } from 'cdk8s';
import { build, es, expectDocumentedKeys, newChart, only, parseClassic, props, section, thrown, views } from './fixtures';
import { FluentBitSection } from '../../../src/presets/fluent-bit-config';
import {
  GrepLogicalOp, LogCollectorDaemonSet, LogCollectorDaemonSetProps, LogFilter, ModifyCondition, ModifyOperation, MultilineFilterMode, NestOperation,
} from '../../../src/presets/log-collector';
import { validateManifests } from '../../../src/validation/engine';

// Typed filters: each filter's keys in the rendered (and parsed back) configuration, their order, and what
// they derive: a Lua script in the ConfigMap, the kubelet's RBAC and the node's IP.

function filters(...list: LogFilter[]): Partial<LogCollectorDaemonSetProps> {
  return { filters: list };
}

const SCRIPT = 'function add_cluster(tag, timestamp, record)\n  record["cluster"] = "prod"\n  return 1, timestamp, record\nend\n';

test('lua: the script goes to the ConfigMap and the section names its path in the mounted directory', () => {
  const { config, configMap } = build(filters(LogFilter.lua({
    match: 'kube.*', script: SCRIPT, call: 'add_cluster', timeAsTable: true, protectedMode: false, typeIntKeys: ['code', 'size'], typeArrayKeys: ['tags'], enableFlbNull: true,
  })));
  expectDocumentedKeys(config);
  expect(section(config, 'FILTER', 'lua').entries).toEqual([
    ['Name', 'lua'], ['Match', 'kube.*'], ['script', '/fluent-bit/etc/conf/add_cluster.lua'], ['call', 'add_cluster'],
    ['time_as_table', 'On'], ['protected_mode', 'Off'], ['enable_flb_null', 'On'], ['type_int_key', 'code size'], ['type_array_key', 'tags'],
  ]);
  expect(configMap.data['add_cluster.lua']).toBe(SCRIPT);
  expect(build(filters(LogFilter.lua({ script: SCRIPT, call: 'add_cluster', fileName: 'cluster.lua' }))).configMap.data).toHaveProperty(['cluster.lua']);
});

test('grep: regex and exclude rules, record accessors, logical operator; match defaults to every record', () => {
  const { config } = build(filters(
    LogFilter.grep({ exclude: [{ key: 'log', regex: '^\\s*$' }, { key: '$kubernetes[\'labels\'][\'app\']', regex: '^debug-.*' }] }),
    LogFilter.grep({ match: 'kube.*', regex: [{ key: 'level', regex: '^(error|warn)$' }, { key: 'msg', regex: 'payment failed' }], logicalOp: GrepLogicalOp.OR }),
  ));
  expectDocumentedKeys(config);
  expect(section(config, 'FILTER', 'grep').entries).toEqual([
    ['Name', 'grep'], ['Match', '*'], ['Exclude', 'log ^\\s*$'], ['Exclude', '$kubernetes[\'labels\'][\'app\'] ^debug-.*'],
  ]);
  expect(section(config, 'FILTER', 'grep', 1).entries).toEqual([
    ['Name', 'grep'], ['Match', 'kube.*'], ['Regex', 'level ^(error|warn)$'], ['Regex', 'msg payment failed'], ['Logical_Op', 'or'],
  ]);
});

test('modify: conditions first, then the rules in the order given', () => {
  const { config } = build(filters(LogFilter.modify({
    alias: 'shape',
    conditions: [ModifyCondition.keyExists('log'), ModifyCondition.keyValueDoesNotEqual('level', 'debug')],
    operations: [
      ModifyOperation.rename('log', 'message'), ModifyOperation.set('cluster', 'prod'), ModifyOperation.add('env', 'unknown'), ModifyOperation.remove('stream'),
      ModifyOperation.removeWildcard('kubernetes.annotations.*'), ModifyOperation.removeRegex('^_'), ModifyOperation.hardRename('a', 'b'), ModifyOperation.copy('c', 'd'),
      ModifyOperation.hardCopy('e', 'f'), ModifyOperation.moveToStart('message'), ModifyOperation.moveToEnd('kubernetes'), ModifyOperation.rename('x', 'y'),
    ],
  })));
  expectDocumentedKeys(config);
  expect(section(config, 'FILTER', 'modify').entries).toEqual([
    ['Name', 'modify'], ['Match', '*'], ['Alias', 'shape'],
    ['Condition', 'Key_exists log'], ['Condition', 'Key_value_does_not_equal level debug'],
    ['Rename', 'log message'], ['Set', 'cluster prod'], ['Add', 'env unknown'], ['Remove', 'stream'], ['Remove_wildcard', 'kubernetes.annotations.*'],
    ['Remove_regex', '^_'], ['Hard_rename', 'a b'], ['Copy', 'c d'], ['Hard_copy', 'e f'], ['Move_to_start', 'message'], ['Move_to_end', 'kubernetes'], ['Rename', 'x y'],
  ]);
  const conditions = [
    ModifyCondition.keyDoesNotExist('a'), ModifyCondition.aKeyMatches('^x'), ModifyCondition.noKeyMatches('^y'), ModifyCondition.keyValueEquals('k', 'v'),
    ModifyCondition.keyValueMatches('k', '^v'), ModifyCondition.keyValueDoesNotMatch('k', '^w'), ModifyCondition.matchingKeysHaveMatchingValues('^k', '^v'),
    ModifyCondition.matchingKeysDoNotHaveMatchingValues('^k', '^w'),
  ];
  const all = build(filters(LogFilter.modify({ conditions, operations: [ModifyOperation.remove('x')] }))).config;
  expect(props(section(all, 'FILTER', 'modify')).Condition).toEqual([
    'Key_does_not_exist a', 'A_key_matches ^x', 'No_key_matches ^y', 'Key_value_equals k v', 'Key_value_matches k ^v', 'Key_value_does_not_match k ^w',
    'Matching_keys_have_matching_values ^k ^v', 'Matching_keys_do_not_have_matching_values ^k ^w',
  ]);
});

test('nest: NEST under a key, LIFT a map up, with prefixes', () => {
  const { config } = build(filters(
    LogFilter.nest({ operation: NestOperation.NEST, wildcards: ['app_*', 'team_*'], nestUnder: 'labels', removePrefix: 'app_' }),
    LogFilter.nest({ operation: NestOperation.LIFT, nestedUnder: 'kubernetes', addPrefix: 'k8s_' }),
  ));
  expectDocumentedKeys(config);
  expect(section(config, 'FILTER', 'nest').entries).toEqual([
    ['Name', 'nest'], ['Match', '*'], ['Operation', 'nest'], ['Wildcard', 'app_*'], ['Wildcard', 'team_*'], ['Nest_under', 'labels'], ['Remove_prefix', 'app_'],
  ]);
  expect(section(config, 'FILTER', 'nest', 1).entries).toEqual([
    ['Name', 'nest'], ['Match', '*'], ['Operation', 'lift'], ['Nested_under', 'kubernetes'], ['Add_prefix', 'k8s_'],
  ]);
});

test('multiline: placed before every other filter (the kubernetes one included), buffered, its emitter on the filesystem buffer', () => {
  const { config } = build(filters(
    LogFilter.grep({ exclude: [{ key: 'log', regex: '^$' }] }),
    LogFilter.multiline({ match: 'kube.*', parsers: ['java', 'python'], keyContent: 'log', flushTimeout: Duration.millis(1500), emitterMemBufLimit: Size.mebibytes(20) }),
  ));
  expectDocumentedKeys(config);
  expect(config.filter(s => s.kind === 'FILTER').map(s => props(s).Name)).toEqual(['multiline', 'kubernetes', 'grep']);
  expect(section(config, 'FILTER', 'multiline').entries).toEqual([
    ['Name', 'multiline'], ['Match', 'kube.*'], ['multiline.parser', 'java, python'], ['multiline.key_content', 'log'], ['Buffer', 'On'], ['Flush_ms', '1500'],
    ['Emitter_Mem_Buf_Limit', '20971520'], ['Emitter_Storage.type', 'filesystem'],
  ]);
  const partial = LogFilter.multiline({ mode: MultilineFilterMode.PARTIAL_MESSAGE, buffer: false });
  const memory = build({ filesystemBuffering: false, ...filters(partial) }).config;
  expect(section(memory, 'FILTER', 'multiline').entries).toEqual([['Name', 'multiline'], ['Match', '*'], ['Mode', 'partial_message'], ['Buffer', 'Off']]);
});

test('throttle: rate, window, interval and status', () => {
  const { config } = build(filters(LogFilter.throttle({ match: 'kube.*', rate: 800, window: 10, interval: Duration.millis(1500), printStatus: true })));
  expectDocumentedKeys(config);
  expect(section(config, 'FILTER', 'throttle').entries).toEqual([
    ['Name', 'throttle'], ['Match', 'kube.*'], ['Rate', '800'], ['Window', '10'], ['Interval', '1.5s'], ['Print_Status', 'On'],
  ]);
});

test('kubernetes: given in filters it replaces the default one at its place, with more options', () => {
  const { config } = build(filters(
    LogFilter.grep({ match: 'kube.*', exclude: [{ key: 'log', regex: '^$' }] }),
    LogFilter.kubernetes({ mergeLogKey: 'app', annotations: true, kubeTagPrefix: 'kube.var.log.containers.', bufferSize: Size.kibibytes(256), namespaceLabels: true, namespaceAnnotations: false, tlsVerify: true }),
  ));
  expectDocumentedKeys(config);
  expect(config.filter(s => s.kind === 'FILTER').map(s => props(s).Name)).toEqual(['grep', 'kubernetes']);
  expect(section(config, 'FILTER', 'kubernetes').entries).toEqual([
    ['Name', 'kubernetes'], ['Match', 'kube.*'], ['Merge_Log', 'On'], ['Merge_Log_Key', 'app'], ['Keep_Log', 'Off'], ['Labels', 'On'], ['Annotations', 'On'],
    ['K8S-Logging.Parser', 'On'], ['K8S-Logging.Exclude', 'On'], ['Kube_Tag_Prefix', 'kube.var.log.containers.'], ['Buffer_Size', '262144'],
    ['Namespace_Labels', 'On'], ['Namespace_Annotations', 'Off'], ['tls.verify', 'On'],
  ]);
  // The same options through kubernetesMetadata, in the default place.
  const viaProps = build({ kubernetesMetadata: { namespaceLabels: true, kubeTagPrefix: 'k.' } }).config;
  expect(props(section(viaProps, 'FILTER', 'kubernetes'))).toMatchObject({ Namespace_Labels: 'On', Kube_Tag_Prefix: 'k.' });
});

test('kubernetes with useKubelet: the node\'s IP from the downward API, and the ClusterRole may read nodes and nodes/proxy', () => {
  const { config, container, objects } = build(filters(LogFilter.kubernetes({ useKubelet: true, tlsVerify: false })));
  expect(props(section(config, 'FILTER', 'kubernetes'))).toMatchObject({ 'Use_Kubelet': 'On', 'Kubelet_Host': '${NODE_IP}', 'tls.verify': 'Off' });
  expect(container.env).toEqual([{ name: 'NODE_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }]);
  expect(only(objects, 'ClusterRole').rules.map((r: any) => r.resources[0])).toEqual(['pods', 'namespaces', 'nodes', 'nodes/proxy']);

  // Added after construction: the existing ClusterRole gets the rule, once.
  const chart = newChart();
  const ds = new LogCollectorDaemonSet(chart, 'logs', { outputs: [es()], rbacNodeAccess: true, kubernetesMetadata: { enabled: false } });
  ds.addFilter(LogFilter.kubernetes({ useKubelet: true }));
  const later = Testing.synth(chart);
  expect(only(later, 'ClusterRole').rules.map((r: any) => r.resources[0])).toEqual(['pods', 'namespaces', 'nodes', 'nodes/proxy']);
  expect(views(later).container.env).toContainEqual({ name: 'NODE_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } });
});

test('raw: the section exactly as given, with the files it references in the ConfigMap', () => {
  const section_ = FluentBitSection.filter('record_modifier', '*', [{ key: 'Record', value: 'cluster prod' }, { key: 'Record', value: 'region eu' }]);
  const { config, configMap } = build(filters(LogFilter.raw(section_, { files: { 'lookup.csv': 'a,b\n' } })));
  expect(section(config, 'FILTER', 'record_modifier').entries).toEqual([['Name', 'record_modifier'], ['Match', '*'], ['Record', 'cluster prod'], ['Record', 'region eu']]);
  expect(configMap.data['lookup.csv']).toBe('a,b\n');
  // A raw multiline filter goes first like a typed one.
  const raw = build(filters(LogFilter.grep({ regex: [{ key: 'a', regex: 'b' }] }), LogFilter.raw(FluentBitSection.filter('multiline', '*', [{ key: 'multiline.parser', value: 'go' }])))).config;
  expect(raw.filter(s => s.kind === 'FILTER').map(s => props(s).Name)).toEqual(['multiline', 'kubernetes', 'grep']);
});

test('a collector with every filter validates clean; the ConfigMap parses back', () => {
  const { objects, configMap } = build(filters(
    LogFilter.multiline({ parsers: ['java'] }), LogFilter.kubernetes({ useKubelet: true }), LogFilter.lua({ script: SCRIPT, call: 'add_cluster' }),
    LogFilter.grep({ exclude: [{ key: 'log', regex: '^$' }] }), LogFilter.modify({ operations: [ModifyOperation.remove('stream')] }),
    LogFilter.nest({ operation: NestOperation.LIFT, nestedUnder: 'kubernetes' }), LogFilter.throttle({ rate: 1000 }),
  ));
  expect(parseClassic(configMap.data['fluent-bit.conf']).filter(s => s.kind === 'FILTER').map(s => props(s).Name))
    .toEqual(['multiline', 'kubernetes', 'lua', 'grep', 'modify', 'nest', 'throttle']);
  const report = validateManifests(objects);
  expect(report.errors).toEqual([]);
  expect(report.findings.filter(f => f.severity === 'warning')).toEqual([]);
});

describe('rejects bad filters, naming the collector, the field, the value and what is allowed', () => {
  const make = (...list: unknown[]) => () => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], filters: list as LogFilter[] });

  test('lua', () => {
    expect(thrown(make(LogFilter.lua({ call: 'cb' } as any))).message)
      .toBe("LogCollectorDaemonSet 'logging/logs': filters[0].script is undefined; it must be the Lua source, a non-empty string.");
    expect(thrown(make(LogFilter.lua({ call: 'cb', script: '   ' }))).message).toMatch(/filters\[0\]\.script is " {3}"; it must be the Lua source/);
    expect(thrown(make(LogFilter.lua({ call: 'cb', script: SCRIPT }))).message)
      .toBe("LogCollectorDaemonSet 'logging/logs': filters[0].call is \"cb\"; it must be a function that script defines (the script never names it).");
    expect(thrown(make(LogFilter.lua({ call: 'add-cluster', script: SCRIPT }))).message).toMatch(/filters\[0\]\.call is "add-cluster"; it must be the name of a global Lua function/);
    expect(thrown(make(LogFilter.lua({ call: 'add_cluster', script: SCRIPT, fileName: '../x.lua' }))).message).toMatch(/filters\[0\]\.fileName is "\.\.\/x\.lua"; it must be a ConfigMap key/);
    expect(thrown(() => new LogCollectorDaemonSet(newChart(), 'logs', {
      outputs: [es()], configFiles: { 'add_cluster.lua': '-- mine' }, filters: [LogFilter.lua({ call: 'add_cluster', script: SCRIPT })],
    })).message).toBe("LogCollectorDaemonSet 'logging/logs': filters[0]: the ConfigMap already holds a file named 'add_cluster.lua' (the configuration, parsers.conf, a Lua script or a configFiles entry); give this one another name.");
  });

  test('match, rules and enums', () => {
    expect(thrown(make(LogFilter.grep({ match: '', exclude: [{ key: 'log', regex: 'x' }] }))).message)
      .toBe("LogCollectorDaemonSet 'logging/logs': filters[0].match is \"\"; it must be a tag pattern without blanks, such as '*' or 'kube.*'.");
    expect(thrown(make(LogFilter.grep({}))).message).toMatch(/filters\[0\]\.regex is undefined; it must be at least one rule in regex or exclude/);
    expect(thrown(make(LogFilter.grep({ regex: [{ key: 'a', regex: 'b' }], exclude: [{ key: 'c', regex: 'd' }], logicalOp: GrepLogicalOp.AND }))).message)
      .toMatch(/filters\[0\]\.logicalOp is "and"; it must be GrepLogicalOp\.LEGACY, or left out/);
    expect(thrown(make(LogFilter.grep({ regex: [{ key: 'two words', regex: 'b' }] }))).message).toMatch(/filters\[0\]\.regex\[0\]\.key is "two words"/);
    expect(thrown(make(LogFilter.grep({ regex: [{ key: 'a', regex: 'b' }], logicalOp: 'xor' as any }))).message).toMatch(/filters\[0\]\.logicalOp is "xor"; it must be one of and, or, legacy\./);
    expect(thrown(make(LogFilter.nest({ operation: NestOperation.NEST, wildcards: ['a*'] }))).message).toMatch(/filters\[0\]\.nestUnder is undefined; it must be the key of the map to nest under/);
    expect(thrown(make(LogFilter.nest({ operation: NestOperation.LIFT, nestedUnder: 'k', wildcards: ['a*'] }))).message).toMatch(/filters\[0\]\.wildcards is an array of 1; it must be left out with NestOperation\.LIFT/);
    expect(thrown(make(LogFilter.nest({ operation: 'flatten' as any }))).message).toMatch(/filters\[0\]\.operation is "flatten"; it must be one of nest, lift\./);
    expect(thrown(make(LogFilter.throttle({ rate: 0 }))).message).toMatch(/filters\[0\]\.rate is 0; it must be an integer from 1 to 2147483647/);
    expect(thrown(make(LogFilter.modify({ operations: [] }))).message).toMatch(/filters\[0\]\.operations is an array of 0; it must be a non-empty list of a ModifyOperation/);
    expect(thrown(make(LogFilter.modify({ operations: [ModifyOperation.set('cluster', 'two words')] }))).message)
      .toMatch(/filters\[0\]\.operations\[0\]\.args\[1\] is "two words"; it must be a single word/);
    expect(thrown(make(LogFilter.modify({ operations: [{ rule: 'Set', args: ['a', 'b'] } as any] }))).message).toMatch(/filters\[0\]\.operations\[0\] is .*; it must be a ModifyOperation/);
    expect(thrown(make(LogFilter.raw(FluentBitSection.output('es', '*')))).message).toMatch(/filters\[0\]\.section is "a \[OUTPUT\] section"; it must be a \[FILTER\] section/);
    expect(thrown(make(LogFilter.raw(FluentBitSection.filter('lua', '*')), 3)).message).toMatch(/filters\[1\] is 3; it must be a LogFilter/);
  });

  test('multiline and kubernetes filters that fluent-bit would loop on or that conflict', () => {
    expect(thrown(make(LogFilter.multiline({ parsers: ['go'] }), LogFilter.multiline({ parsers: ['java'] }))).message)
      .toBe("LogCollectorDaemonSet 'logging/logs': filters[1]: a second multiline filter matches '*'; each re-emits its records to the other forever, so give one filter the parsers of both (multiline.parser takes several).");
    expect(thrown(make(LogFilter.multiline({}))).message).toMatch(/filters\[0\]\.parsers is undefined; it must be a non-empty list of multiline parser names/);
    expect(thrown(make(LogFilter.multiline({ parsers: ['go'], buffer: false, emitterMemBufLimit: Size.mebibytes(1) }))).message).toMatch(/emitterMemBufLimit is "1048576"; it must be left out with buffer: false/);
    expect(thrown(() => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], kubernetesMetadata: { labels: false }, filters: [LogFilter.kubernetes()] })).message)
      .toMatch(/filters\[0\]: a LogFilter\.kubernetes\(\) replaces the kubernetes filter of kubernetesMetadata, whose options are also given/);
    expect(thrown(() => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], kubernetesMetadata: { useKubelt: true } as any })).message)
      .toMatch(/^LogCollectorDaemonSet 'logging\/logs': kubernetesMetadata\.useKubelt is true; it must be left out: the options are/);
  });
});
