import { Duration, Size } from 'cdk8s';
import { build, expectDocumentedKeys, only, parseClassic, props, section } from './fixtures';
import { FluentBitSection } from '../../../src/presets/fluent-bit-config';
import { ContainerRuntime, FluentBitLogLevel, LogFilter, LogParser } from '../../../src/presets/log-collector';

// The rendered fluent-bit configuration: [SERVICE], inputs, the kubernetes filter, extra filters and parsers.

test('config: [SERVICE] with HTTP server on 2020, health check and filesystem storage in the state directory', () => {
  const { config } = build();
  expectDocumentedKeys(config);
  expect(config.map(s => s.kind)).toEqual(['SERVICE', 'INPUT', 'FILTER', 'OUTPUT']);
  expect(section(config, 'SERVICE').entries).toEqual([
    ['Daemon', 'Off'],
    ['Flush', '1'],
    ['Log_Level', 'info'],
    ['Parsers_File', '/fluent-bit/etc/parsers.conf'],
    ['HTTP_Server', 'On'],
    ['HTTP_Listen', '0.0.0.0'],
    ['HTTP_Port', '2020'],
    ['Health_Check', 'On'],
    ['storage.path', '/var/lib/fluent-bit/buffer'],
    ['storage.sync', 'normal'],
    ['storage.max_chunks_up', '128'],
    ['storage.metrics', 'On'],
  ]);
});

test('config: tail of /var/log/containers/*.log with cri and docker multiline parsers, a position DB and filesystem buffering', () => {
  const { config } = build();
  expect(section(config, 'INPUT', 'tail').entries).toEqual([
    ['Name', 'tail'],
    ['Alias', 'containers'],
    ['Tag', 'kube.*'],
    ['Path', '/var/log/containers/*.log'],
    ['multiline.parser', 'cri, docker'],
    ['DB', '/var/lib/fluent-bit/tail-containers.db'],
    ['DB.locking', 'true'],
    ['Read_from_Head', 'On'],
    ['Refresh_Interval', '10'],
    ['Skip_Long_Lines', 'On'],
    ['Mem_Buf_Limit', '5242880'],
    ['storage.type', 'filesystem'],
  ]);
  expect(config.filter(s => s.kind === 'INPUT')).toHaveLength(1);
});

test('config: kubernetes filter merges JSON logs, keeps labels, drops annotations, honours pod annotations', () => {
  const { config } = build();
  expect(section(config, 'FILTER', 'kubernetes').entries).toEqual([
    ['Name', 'kubernetes'],
    ['Match', 'kube.*'],
    ['Merge_Log', 'On'],
    ['Keep_Log', 'Off'],
    ['Labels', 'On'],
    ['Annotations', 'Off'],
    ['K8S-Logging.Parser', 'On'],
    ['K8S-Logging.Exclude', 'On'],
  ]);
});

test('config: kubernetes filter toggles', () => {
  const { config } = build({
    kubernetesMetadata: { mergeLog: false, mergeLogKey: 'app', keepLog: true, labels: false, annotations: true, allowPodParser: false, allowPodExclusion: false },
  });
  expectDocumentedKeys(config);
  expect(props(section(config, 'FILTER', 'kubernetes'))).toEqual({
    'Name': 'kubernetes',
    'Match': 'kube.*',
    'Merge_Log': 'Off',
    'Merge_Log_Key': 'app',
    'Keep_Log': 'On',
    'Labels': 'Off',
    'Annotations': 'On',
    'K8S-Logging.Parser': 'Off',
    'K8S-Logging.Exclude': 'Off',
  });
  expect(build({ kubernetesMetadata: { enabled: false } }).config.filter(s => s.kind === 'FILTER')).toHaveLength(0);
});

test('config: excluded namespaces never get read (Exclude_Path on the container log file names)', () => {
  const { config } = build({ excludeNamespaces: ['kube-system', 'logging'] });
  expect(props(section(config, 'INPUT', 'tail')).Exclude_Path).toBe('/var/log/containers/*_kube-system_*.log,/var/log/containers/*_logging_*.log');
});

test('config: systemd journal input (kubelet and the runtime) is opt-in', () => {
  const { config, container } = build({ systemdLogs: true });
  expectDocumentedKeys(config);
  expect(section(config, 'INPUT', 'systemd').entries).toEqual([
    ['Name', 'systemd'],
    ['Alias', 'systemd'],
    ['Tag', 'host.*'],
    ['Systemd_Filter', '_SYSTEMD_UNIT=kubelet.service'],
    ['Systemd_Filter', '_SYSTEMD_UNIT=containerd.service'],
    ['Read_From_Tail', 'On'],
    ['DB', '/var/lib/fluent-bit/systemd.db'],
    ['Mem_Buf_Limit', '5242880'],
    ['storage.type', 'filesystem'],
  ]);
  expect(container.volumeMounts.map((m: any) => m.mountPath)).not.toContain('/run/log/journal');

  const custom = build({ systemdLogs: true, systemdUnits: ['kubelet.service', 'sshd.service'], systemdJournalPath: '/run/log/journal', containerRuntime: ContainerRuntime.CRI_O });
  const systemd = props(section(custom.config, 'INPUT', 'systemd'));
  expect(systemd.Systemd_Filter).toEqual(['_SYSTEMD_UNIT=kubelet.service', '_SYSTEMD_UNIT=sshd.service']);
  expect(systemd.Path).toBe('/run/log/journal');
  expect(custom.container.volumeMounts).toContainEqual({ name: 'host-run-log-journal', mountPath: '/run/log/journal', readOnly: true });
  expect(props(section(build({ systemdLogs: true, containerRuntime: ContainerRuntime.DOCKER }).config, 'INPUT', 'systemd')).Systemd_Filter)
    .toEqual(['_SYSTEMD_UNIT=kubelet.service', '_SYSTEMD_UNIT=docker.service']);
});

test('config: buffering, state directory, intervals and log level are props', () => {
  const { config, container, podSpec } = build({
    stateDirectory: '/mnt/state/fluent-bit',
    filesystemBuffering: false,
    memBufLimit: Size.mebibytes(50),
    maxChunksUp: 32,
    readFromHead: false,
    refreshInterval: Duration.seconds(30),
    flushInterval: Duration.millis(500),
    logLevel: FluentBitLogLevel.WARN,
  });
  expectDocumentedKeys(config);
  const service = props(section(config, 'SERVICE'));
  expect(service).toMatchObject({ 'Flush': '0.5', 'Log_Level': 'warn', 'storage.path': '/mnt/state/fluent-bit/buffer', 'storage.max_chunks_up': '32' });
  const tail = props(section(config, 'INPUT', 'tail'));
  expect(tail).toMatchObject({ DB: '/mnt/state/fluent-bit/tail-containers.db', Read_from_Head: 'Off', Refresh_Interval: '30', Mem_Buf_Limit: '52428800' });
  expect(tail).not.toHaveProperty(['storage.type']);
  expect(props(section(config, 'OUTPUT', 'es'))).not.toHaveProperty(['storage.total_limit_size']);
  expect(podSpec.volumes).toContainEqual({ name: 'host-mnt-state-fluent-bit', hostPath: { path: '/mnt/state/fluent-bit', type: 'DirectoryOrCreate' } });
  expect(container.volumeMounts).toContainEqual({ name: 'host-mnt-state-fluent-bit', mountPath: '/mnt/state/fluent-bit', readOnly: false });
});

test('config: metricsPort moves the HTTP server, container port, probes and Service together', () => {
  const { config, container, objects } = build({ metricsPort: 2021 });
  expect(props(section(config, 'SERVICE')).HTTP_Port).toBe('2021');
  expect(container.ports).toEqual([{ containerPort: 2021, name: 'metrics', protocol: 'TCP' }]);
  expect(container.livenessProbe.httpGet.port).toBe('metrics');
  expect(only(objects, 'Service').spec.ports).toEqual([{ name: 'metrics', port: 2021, targetPort: 2021, protocol: 'TCP' }]);
});

test('config: extra filters follow the kubernetes filter; parsers go to parsers.conf, which [SERVICE] loads', () => {
  const { config, configMap } = build({
    filters: [LogFilter.raw(FluentBitSection.filter('grep', 'kube.*', [{ key: 'Exclude', value: 'log ^healthz$' }]))],
    parsers: [LogParser.raw(FluentBitSection.parser('nginx', [{ key: 'Format', value: 'regex' }, { key: 'Regex', value: '^(?<remote>[^ ]*) (?<rest>.*)$' }]))],
  });
  expectDocumentedKeys(config);
  expect(config.filter(s => s.kind === 'FILTER').map(s => props(s).Name)).toEqual(['kubernetes', 'grep']);
  expect(props(section(config, 'SERVICE')).Parsers_File).toEqual(['/fluent-bit/etc/parsers.conf', '/fluent-bit/etc/conf/parsers.conf']);
  expect(parseClassic(configMap.data['parsers.conf'])).toEqual([
    { kind: 'PARSER', entries: [['Name', 'nginx'], ['Format', 'regex'], ['Regex', '^(?<remote>[^ ]*) (?<rest>.*)$']] },
  ]);
  expect(build().configMap.data).not.toHaveProperty(['parsers.conf']);
});
