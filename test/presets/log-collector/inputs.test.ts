import { Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { build, es, expectDocumentedKeys, newChart, newSecret, only, props, section, thrown, views } from './fixtures';
import { FluentBitSection } from '../../../src/presets/fluent-bit-config';
import {
  ContainerRuntime, LogCollectorDaemonSet, LogCollectorDaemonSetProps, LogInput, LogOutput, SyslogFraming, SyslogMode, SystemdFilterType,
  TcpInputFormat,
} from '../../../src/presets/log-collector';
import { validateManifests } from '../../../src/validation/engine';

// Typed inputs: each input's keys in the rendered (and parsed back) configuration, and what each derives:
// container ports, Service ports, host ports only when asked, read-only host mounts, position databases.

function inputs(...list: LogInput[]): Partial<LogCollectorDaemonSetProps> {
  return { inputs: list };
}

test('the default inputs are LogInput.containerLogs() and, with systemdLogs, LogInput.systemd(): the same objects either way', () => {
  expect(build(inputs(LogInput.containerLogs())).objects).toEqual(build().objects);
  expect(build(inputs(LogInput.containerLogs(), LogInput.systemd())).objects).toEqual(build({ systemdLogs: true }).objects);
  const docker = { containerRuntime: ContainerRuntime.DOCKER, excludeNamespaces: ['kube-system'], readFromHead: false, refreshInterval: Duration.seconds(30) };
  const both = inputs(LogInput.containerLogs(), LogInput.systemd());
  expect(build({ ...docker, ...both }).objects).toEqual(build({ ...docker, systemdLogs: true }).objects);
  expect(build(inputs(LogInput.containerLogs(), LogInput.systemd({ units: ['sshd.service'], path: '/run/log/journal' }))).objects)
    .toEqual(build({ systemdLogs: true, systemdUnits: ['sshd.service'], systemdJournalPath: '/run/log/journal' }).objects);
});

test('containerLogs: its own options override the collector\'s defaults; a stdout output still leaves the collector\'s own logs out', () => {
  const { config } = build({
    excludeNamespaces: ['a'],
    outputs: [LogOutput.stdout()],
    ...inputs(LogInput.containerLogs({ excludeNamespaces: ['kube-system'], readFromHead: false, refreshInterval: Duration.seconds(5), multilineParsers: ['cri'], memBufLimit: Size.mebibytes(10), threaded: true })),
  });
  expectDocumentedKeys(config);
  expect(props(section(config, 'INPUT', 'tail'))).toMatchObject({
    'Exclude_Path': '/var/log/containers/*_kube-system_*.log,/var/log/containers/logging-logs-*_logging_fluent-bit-*.log',
    'multiline.parser': 'cri',
    'Read_from_Head': 'Off',
    'Refresh_Interval': '5',
    'threaded': 'On',
    'Mem_Buf_Limit': '10485760',
  });
});

test('tail: paths, parser, multiline parsers and reading options; the directories before the wildcards mounted read-only, once', () => {
  const { config, podSpec, container } = build(inputs(LogInput.tail({
    paths: ['/var/log/app/*.log', '/opt/svc/logs/*/out.log', '/srv/audit/audit.log', '/opt/svc/logs/extra-*.log'],
    excludePaths: ['*.gz', '*.zip'],
    tag: 'app.*',
    alias: 'app',
    parser: 'json',
    multilineParsers: ['java', 'go'],
    readFromHead: false,
    refreshInterval: Duration.seconds(20),
    rotateWait: Duration.seconds(30),
    ignoreOlder: Duration.days(1),
    skipLongLines: false,
    skipEmptyLines: true,
    bufferChunkSize: Size.kibibytes(64),
    bufferMaxSize: Size.kibibytes(256),
    pathKey: 'file',
    key: 'message',
    memBufLimit: Size.mebibytes(20),
  })));
  expectDocumentedKeys(config);
  expect(config.filter(s => s.kind === 'INPUT')).toHaveLength(1);
  expect(section(config, 'INPUT', 'tail').entries).toEqual([
    ['Name', 'tail'],
    ['Alias', 'app'],
    ['Tag', 'app.*'],
    ['Path', '/var/log/app/*.log,/opt/svc/logs/*/out.log,/srv/audit/audit.log,/opt/svc/logs/extra-*.log'],
    ['Exclude_Path', '*.gz,*.zip'],
    ['Parser', 'json'],
    ['multiline.parser', 'java, go'],
    ['DB', '/var/lib/fluent-bit/tail-app.db'],
    ['DB.locking', 'true'],
    ['Read_from_Head', 'Off'],
    ['Refresh_Interval', '20'],
    ['Rotate_Wait', '30'],
    ['Ignore_Older', '1d'],
    ['Skip_Long_Lines', 'Off'],
    ['Skip_Empty_Lines', 'On'],
    ['Buffer_Chunk_Size', '65536'],
    ['Buffer_Max_Size', '262144'],
    ['Path_Key', 'file'],
    ['Key', 'message'],
    ['Mem_Buf_Limit', '20971520'],
    ['storage.type', 'filesystem'],
  ]);
  // /var/log/app is inside no mount yet: this collector has no container-log input, so it gets its own.
  expect(podSpec.volumes.filter((v: any) => v.hostPath).map((v: any) => [v.hostPath.path, v.hostPath.type])).toEqual([
    ['/var/log/app', 'Directory'], ['/opt/svc/logs', 'Directory'], ['/srv/audit', 'Directory'], ['/var/lib/fluent-bit', 'DirectoryOrCreate'],
  ]);
  const writable = container.volumeMounts.filter((m: any) => m.readOnly !== true).map((m: any) => m.mountPath);
  expect(writable).toEqual(['/var/lib/fluent-bit']);
});

test('tail: paths under /var/log reuse the container logs\' mount; Ignore_Older in hours and minutes; databases by alias or ordinal', () => {
  const { config, podSpec } = build(inputs(
    LogInput.containerLogs(),
    LogInput.tail({ paths: ['/var/log/audit/*.log'], ignoreOlder: Duration.hours(6) }),
    LogInput.tail({ paths: ['/var/log/nginx/access.log'], ignoreOlder: Duration.minutes(90) }),
  ));
  expect(podSpec.volumes.filter((v: any) => v.hostPath).map((v: any) => v.hostPath.path)).toEqual(['/var/log', '/etc/machine-id', '/var/lib/fluent-bit']);
  const tails = config.filter(s => s.kind === 'INPUT').map(props);
  expect(tails.map(t => t.DB)).toEqual(['/var/lib/fluent-bit/tail-containers.db', '/var/lib/fluent-bit/tail-2.db', '/var/lib/fluent-bit/tail-3.db']);
  expect(tails.map(t => t.Ignore_Older)).toEqual([undefined, '6h', '90m']);
});

test('tail: a database outside the state directory is mounted read-write; inside a read-only mount it is refused', () => {
  const { podSpec, container } = build(inputs(LogInput.tail({ paths: ['/srv/app/*.log'], database: '/mnt/positions/app.db' })));
  expect(podSpec.volumes).toContainEqual({ name: 'host-mnt-positions', hostPath: { path: '/mnt/positions', type: 'DirectoryOrCreate' } });
  expect(container.volumeMounts).toContainEqual({ name: 'host-mnt-positions', mountPath: '/mnt/positions', readOnly: false });
  expect(thrown(() => build(inputs(LogInput.containerLogs(), LogInput.tail({ paths: ['/srv/app/*.log'], database: '/var/log/flb_app.db' })))).message)
    .toBe("LogCollectorDaemonSet 'logging/logs': inputs[1]: the input writes to '/var/log', but '/var/log' is mounted read-only; put what it writes in the state directory ('/var/lib/fluent-bit').");
});

test('systemd: units, journal matches, filter type, journal path (mounted read-only) and reading options', () => {
  const { config, podSpec } = build(inputs(LogInput.systemd({
    units: ['kubelet.service', 'sshd.service'],
    filters: ['PRIORITY=3'],
    filterType: SystemdFilterType.AND,
    path: '/run/log/journal',
    readFromTail: false,
    maxEntries: 1000,
    maxFields: 500,
    lowercase: true,
    stripUnderscores: true,
    tag: 'node.*',
    alias: 'journal',
  })));
  expectDocumentedKeys(config);
  expect(section(config, 'INPUT', 'systemd').entries).toEqual([
    ['Name', 'systemd'],
    ['Alias', 'journal'],
    ['Tag', 'node.*'],
    ['Path', '/run/log/journal'],
    ['Systemd_Filter', '_SYSTEMD_UNIT=kubelet.service'],
    ['Systemd_Filter', '_SYSTEMD_UNIT=sshd.service'],
    ['Systemd_Filter', 'PRIORITY=3'],
    ['Systemd_Filter_Type', 'and'],
    ['Read_From_Tail', 'Off'],
    ['Max_Entries', '1000'],
    ['Max_Fields', '500'],
    ['Lowercase', 'On'],
    ['Strip_Underscores', 'On'],
    ['DB', '/var/lib/fluent-bit/systemd-journal.db'],
    ['Mem_Buf_Limit', '5242880'],
    ['storage.type', 'filesystem'],
  ]);
  expect(podSpec.volumes.filter((v: any) => v.hostPath).map((v: any) => v.hostPath.path)).toEqual(['/run/log/journal', '/etc/machine-id', '/var/lib/fluent-bit']);
  // Journal matches alone replace the default units.
  expect(props(section(build(inputs(LogInput.systemd({ filters: ['_COMM=sshd'] }))).config, 'INPUT', 'systemd')).Systemd_Filter).toBe('_COMM=sshd');
});

test('network inputs: each listens on its documented default port, exposed as a named container port and a Service port', () => {
  const network = inputs(LogInput.forward(), LogInput.syslog(), LogInput.tcp(), LogInput.http(), LogInput.openTelemetry());
  const { config, container, objects } = build(network);
  expectDocumentedKeys(config);
  const listening = config.filter(s => s.kind === 'INPUT').map(props).map(x => [x.Name, x.Listen, x.Port]);
  expect(listening).toEqual([
    ['forward', '0.0.0.0', '24224'], ['syslog', '0.0.0.0', '5140'], ['tcp', '0.0.0.0', '5170'], ['http', '0.0.0.0', '9880'], ['opentelemetry', '0.0.0.0', '4318'],
  ]);
  expect(props(section(config, 'INPUT', 'syslog')).Mode).toBe('tcp');
  expect(container.ports).toEqual([
    { containerPort: 2020, name: 'metrics', protocol: 'TCP' },
    { containerPort: 24224, name: 'forward', protocol: 'TCP' },
    { containerPort: 5140, name: 'syslog', protocol: 'TCP' },
    { containerPort: 5170, name: 'tcp', protocol: 'TCP' },
    { containerPort: 9880, name: 'http', protocol: 'TCP' },
    { containerPort: 4318, name: 'otlp', protocol: 'TCP' },
  ]);
  const service = only(objects, 'Service');
  expect(service.spec.ports.map((x: any) => [x.name, x.port, x.targetPort, x.protocol])).toEqual([
    ['metrics', 2020, 2020, 'TCP'], ['forward', 24224, 24224, 'TCP'], ['syslog', 5140, 5140, 'TCP'], ['tcp', 5170, 5170, 'TCP'], ['http', 9880, 9880, 'TCP'], ['otlp', 4318, 4318, 'TCP'],
  ]);
  expect(JSON.stringify(container.ports)).not.toContain('hostPort');
  // Nothing to read on the node: only the state directory is mounted.
  expect(container.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/fluent-bit/etc/conf', '/var/lib/fluent-bit']);
});

test('network inputs: host ports only when asked, ports left off the Service, UDP syslog, a second input of a plugin named -2', () => {
  const { container, objects } = build(inputs(
    LogInput.forward({ port: 24225, hostPort: 24224 }),
    LogInput.forward({ port: 24226, servicePort: false }),
    LogInput.syslog({ mode: SyslogMode.UDP, port: 514, portName: 'syslog-udp' }),
  ));
  expect(container.ports.slice(1)).toEqual([
    { containerPort: 24225, hostPort: 24224, name: 'forward', protocol: 'TCP' },
    { containerPort: 24226, name: 'forward-2', protocol: 'TCP' },
    { containerPort: 514, name: 'syslog-udp', protocol: 'UDP' },
  ]);
  expect(only(objects, 'Service').spec.ports.map((x: any) => x.name)).toEqual(['metrics', 'forward', 'syslog-udp']);
});

test('forward: tag prefix, self hostname, buffers and a shared key from a Secret as an env var', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { config, container } = build(inputs(
    LogInput.forward({ tagPrefix: 'fwd.', selfHostname: 'collector', sharedKey: { secret, key: 'key' }, bufferChunkSize: Size.mebibytes(1), bufferMaxSize: Size.mebibytes(8) }),
    LogInput.forward({ port: 24225, sharedKey: { secret, key: 'token' } }),
  ), chart);
  expectDocumentedKeys(config);
  expect(section(config, 'INPUT', 'forward').entries).toEqual([
    ['Name', 'forward'], ['Listen', '0.0.0.0'], ['Port', '24224'], ['Tag_Prefix', 'fwd.'], ['Shared_Key', '${FORWARD_INPUT_SHARED_KEY}'], ['Self_Hostname', 'collector'],
    ['Buffer_Chunk_Size', '1048576'], ['Buffer_Max_Size', '8388608'], ['Mem_Buf_Limit', '5242880'], ['storage.type', 'filesystem'],
  ]);
  expect(props(section(config, 'INPUT', 'forward', 1)).Shared_Key).toBe('${FORWARD_INPUT_SHARED_KEY_2}');
  expect(container.env).toEqual([
    { name: 'FORWARD_INPUT_SHARED_KEY', valueFrom: { secretKeyRef: { name: 'log-credentials', key: 'key' } } },
    { name: 'FORWARD_INPUT_SHARED_KEY_2', valueFrom: { secretKeyRef: { name: 'log-credentials', key: 'token' } } },
  ]);
  expect(JSON.stringify(config)).not.toContain('S3cr3t');
});

test('syslog, tcp, http and opentelemetry: their own keys', () => {
  const { config } = build(inputs(
    LogInput.syslog({ parser: 'syslog-rfc3164', framing: SyslogFraming.OCTET_COUNTING, bufferChunkSize: Size.kibibytes(64), receiveBufferSize: Size.mebibytes(4), sourceAddressKey: 'source', rawMessageKey: 'raw', tag: 'syslog' }),
    LogInput.tcp({ format: TcpInputFormat.NONE, separator: '\\n', parser: 'logfmt', chunkSize: Size.kibibytes(64), bufferSize: Size.kibibytes(512), sourceAddressKey: 'peer' }),
    LogInput.http({ tagKey: 'tag', successHeaders: { 'X-B': 'b', 'X-A': 'a' }, successfulResponseCode: 204, http2: false, bufferMaxSize: Size.mebibytes(8) }),
    LogInput.openTelemetry({ tag: 'otel', tagFromUri: false, successfulResponseCode: 200, bufferChunkSize: Size.mebibytes(1) }),
  ));
  expectDocumentedKeys(config);
  expect(props(section(config, 'INPUT', 'syslog'))).toMatchObject({
    Tag: 'syslog',
    Mode: 'tcp',
    Parser: 'syslog-rfc3164',
    Format: 'octet_counting',
    Buffer_Chunk_Size: '65536',
    Receive_Buffer_Size: '4194304',
    Source_Address_Key: 'source',
    Raw_Message_Key: 'raw',
  });
  expect(props(section(config, 'INPUT', 'tcp'))).toMatchObject({ Format: 'none', Separator: '\\n', Parser: 'logfmt', Chunk_Size: '64', Buffer_Size: '512', Source_Address_Key: 'peer' });
  expect(props(section(config, 'INPUT', 'http'))).toMatchObject({
    Tag_Key: 'tag', Success_Header: ['X-A a', 'X-B b'], Successful_Response_Code: '204', Http2: 'Off', Buffer_Max_Size: '8388608',
  });
  expect(props(section(config, 'INPUT', 'opentelemetry'))).toMatchObject({ Tag: 'otel', Tag_From_Uri: 'Off', Successful_Response_Code: '200', Buffer_Chunk_Size: '1048576' });
});

test('raw: the section as given, with the ports, host paths and secret env vars it declares', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const section_ = FluentBitSection.input('mqtt', [{ key: 'Tag', value: 'mqtt' }, { key: 'Listen', value: '0.0.0.0' }, { key: 'Port', value: '1883' }, { key: 'Alias', value: 'broker' }]);
  const { config, container, podSpec, objects } = build(inputs(LogInput.raw(section_, {
    ports: [{ port: 1883, name: 'mqtt', hostPort: 1883 }],
    hostPaths: [{ path: '/srv/spool' }, { path: '/srv/out', readOnly: false, type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE }],
    secretEnv: [{ name: 'MQTT_PASSWORD', value: { secret, key: 'password' } }],
  })), chart);
  expect(section(config, 'INPUT', 'mqtt').entries).toEqual([['Name', 'mqtt'], ['Tag', 'mqtt'], ['Listen', '0.0.0.0'], ['Port', '1883'], ['Alias', 'broker']]);
  expect(container.ports[1]).toEqual({ containerPort: 1883, hostPort: 1883, name: 'mqtt', protocol: 'TCP' });
  expect(only(objects, 'Service').spec.ports.map((x: any) => x.name)).toEqual(['metrics', 'mqtt']);
  expect(podSpec.volumes).toContainEqual({ name: 'host-srv-spool', hostPath: { path: '/srv/spool', type: 'Directory' } });
  expect(container.volumeMounts).toContainEqual({ name: 'host-srv-out', mountPath: '/srv/out', readOnly: false });
  expect(container.env).toEqual([{ name: 'MQTT_PASSWORD', valueFrom: { secretKeyRef: { name: 'log-credentials', key: 'password' } } }]);
});

test('addInput() after construction reaches the configuration, the container ports, the Service and the mounts', () => {
  const chart = newChart();
  const ds = new LogCollectorDaemonSet(chart, 'logs', { outputs: [es()] });
  ds.addInput(LogInput.forward({ hostPort: 24224 }));
  ds.addInput(LogInput.tail({ paths: ['/srv/app/*.log'], tag: 'app.*' }));
  const objects = Testing.synth(chart);
  const { config, container } = views(objects);
  expect(config.filter(s => s.kind === 'INPUT').map(s => props(s).Name)).toEqual(['tail', 'forward', 'tail']);
  expect(container.ports.map((x: any) => x.name)).toEqual(['metrics', 'forward']);
  expect(only(objects, 'Service').spec.ports.map((x: any) => x.name)).toEqual(['metrics', 'forward']);
  expect(container.volumeMounts.map((m: any) => m.mountPath)).toContain('/srv/app');
});

test('a collector with every input validates clean, its Secret defined in the app', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { objects } = build({
    serviceMonitor: true,
    ...inputs(
      LogInput.containerLogs(), LogInput.systemd(), LogInput.tail({ paths: ['/srv/app/*.log'], tag: 'app.*' }),
      LogInput.forward({ hostPort: 24224, sharedKey: { secret, key: 'key' } }), LogInput.syslog({ mode: SyslogMode.UDP }), LogInput.tcp(), LogInput.http(),
      LogInput.openTelemetry({ hostPort: 4318 }),
    ),
  }, chart);
  const report = validateManifests(objects);
  expect(report.errors).toEqual([]);
  expect(report.findings.filter(f => f.severity === 'warning').map(f => `${f.ruleId} ${f.path}`)).toEqual([]);
});

describe('rejects bad inputs, naming the collector, the field, the value and what is allowed', () => {
  const make = (...list: unknown[]) => () => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], inputs: list as LogInput[] });

  test('ports', () => {
    expect(thrown(make(LogInput.containerLogs(), LogInput.forward({ port: 70000 }))).message)
      .toBe("LogCollectorDaemonSet 'logging/logs': inputs[1].port is 70000; it must be a port number (a port is an integer from 1 to 65535).");
    expect(thrown(make(LogInput.http({ hostPort: 0 }))).message).toMatch(/inputs\[0\]\.hostPort is 0; it must be a port number/);
    expect(thrown(make(LogInput.tcp({ port: 2020 }))).message)
      .toBe("LogCollectorDaemonSet 'logging/logs': inputs[0]: TCP port 2020 is already used by the metrics server; give the input another port or portName.");
    expect(thrown(make(LogInput.tcp(), LogInput.http({ port: 5170 }))).message).toMatch(/inputs\[1\]: TCP port 5170 is already used by the inputs\[0\] input/);
    expect(thrown(make(LogInput.tcp({ portName: 'metrics' }))).message).toMatch(/inputs\[0\]: port name 'metrics' is already used by the metrics server/);
    expect(thrown(make(LogInput.tcp({ portName: 'Not_A_Name' }))).message).toMatch(/inputs\[0\]\.portName is "Not_A_Name"; it must be a port name: one that must consist of lower-case/);
    expect(thrown(make(LogInput.tcp({ listen: '127.0.0.1' }))).message).toMatch(/inputs\[0\]\.listen is "127\.0\.0\.1"; it must be an address other pods can reach/);
    expect(() => make(LogInput.tcp({ listen: '127.0.0.1', servicePort: false }))()).not.toThrow();
    expect(() => make(LogInput.syslog({ mode: SyslogMode.UDP, port: 5170 }), LogInput.tcp())()).not.toThrow();
  });

  test('enums from JavaScript callers, unknown and misspelt options, wrong types', () => {
    expect(thrown(make(LogInput.syslog({ mode: 'tls' as any }))).message)
      .toBe("LogCollectorDaemonSet 'logging/logs': inputs[0].mode is \"tls\"; it must be one of tcp, udp.");
    expect(thrown(make(LogInput.forward({ prot: 1 } as any))).message).toMatch(/inputs\[0\]\.prot is 1; it must be left out: the options are .*port.*/);
    expect(thrown(make(LogInput.tcp({ format: 'JSON' as any }))).message).toMatch(/inputs\[0\]\.format is "JSON"; it must be one of json, none\./);
    expect(thrown(make(LogInput.forward(7 as any))).message).toBe("LogCollectorDaemonSet 'logging/logs': inputs[0] is 7; it must be a ForwardInputOptions object.");
    expect(thrown(make({ plugin: 'tail' })).message).toMatch(/inputs\[0\] is \{"plugin":"tail"\}; it must be a LogInput/);
    expect(thrown(make(LogInput.systemd({ units: ['kubelet'] }))).message).toMatch(/inputs\[0\]\.units\[0\] is "kubelet"; it must be a systemd unit's full name/);
    expect(thrown(make(LogInput.syslog({ mode: SyslogMode.UDP, framing: SyslogFraming.NEWLINE }))).message).toMatch(/inputs\[0\]\.framing is "newline"; it must be left out with SyslogMode\.UDP/);
    expect(thrown(make(LogInput.tcp({ separator: ';' }))).message).toMatch(/inputs\[0\]\.separator is ";"; it must be left out unless format is TcpInputFormat\.NONE/);
    expect(thrown(make(LogInput.http({ successfulResponseCode: 202 }))).message).toMatch(/successfulResponseCode is 202; it must be one of 200, 201, 204/);
    expect(thrown(make(LogInput.raw(FluentBitSection.filter('grep', '*')))).message)
      .toMatch(/inputs\[0\]\.section is "a \[FILTER\] section"; it must be an \[INPUT\] section/);
  });

  test('paths, tags, aliases and databases', () => {
    expect(thrown(make(LogInput.tail({ paths: [] }))).message).toMatch(/inputs\[0\]\.paths is an array of 0; it must be a non-empty list/);
    expect(thrown(make(LogInput.tail({ paths: ['logs/*.log'] }))).message).toMatch(/inputs\[0\]\.paths\[0\] is "logs\/\*\.log"; it must be one of absolute paths/);
    expect(thrown(make(LogInput.tail({ paths: ['/*.log'] }))).message).toMatch(/paths\[0\] is "\/\*\.log"; .* below a directory other than '\/'/);
    expect(thrown(make(LogInput.tail({ paths: ['/srv/a b.log'] }))).message).toMatch(/paths\[0\] is "\/srv\/a b\.log"/);
    expect(thrown(make(LogInput.tail({ paths: ['/srv/*.log'], tag: 'app logs' }))).message).toMatch(/inputs\[0\]\.tag is "app logs"; it must be a tag without blanks/);
    expect(thrown(make(LogInput.tail({ paths: ['/srv/*.log'], alias: 'a' }), LogInput.tail({ paths: ['/srv/b/*.log'], alias: 'a' }))).message)
      .toBe("LogCollectorDaemonSet 'logging/logs': inputs[1]: the alias 'a' is already used by another tail input; give each input its own alias.");
    expect(thrown(make(LogInput.tail({ paths: ['/srv/*.log'], database: '/var/lib/fluent-bit/x.db' }), LogInput.tail({ paths: ['/srv/b/*.log'], database: '/var/lib/fluent-bit/x.db' }))).message)
      .toMatch(/inputs\[1\]: the position database '\/var\/lib\/fluent-bit\/x\.db' is already used by another tail input/);
    expect(thrown(make(LogInput.tail({ paths: ['/srv/*.log'], ignoreOlder: Duration.seconds(90) }))).message).toMatch(/ignoreOlder is "1 minute 30 seconds"; it must be a Duration of whole minutes/);
    expect(thrown(make(LogInput.tail({ paths: ['/srv/*.log'], bufferChunkSize: Size.mebibytes(2), bufferMaxSize: Size.mebibytes(1) }))).message)
      .toMatch(/inputs\[0\]\.bufferMaxSize is "1048576 bytes"; it must be at least bufferChunkSize \(2097152 bytes\)/);
  });

  test('inputs and the older systemd switches are not mixed; addInput names itself', () => {
    expect(thrown(() => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], inputs: [LogInput.containerLogs()], systemdLogs: true })).message)
      .toBe("LogCollectorDaemonSet 'logging/logs': systemdLogs: is set, but inputs replaces the default inputs; add LogInput.systemd({ units, path }) to inputs instead.");
    expect(thrown(make()).message).toBe("LogCollectorDaemonSet 'logging/logs': inputs: is empty, so nothing would be collected; give at least one, e.g. LogInput.containerLogs(), or leave inputs out for the default.");
    const ds = new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()] });
    expect(thrown(() => ds.addInput(LogInput.forward({ port: -1 }))).message).toMatch(/^LogCollectorDaemonSet 'logging\/logs': addInput\.port is -1; it must be a port number/);
  });
});
