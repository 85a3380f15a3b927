import { Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  DaemonSet, DaemonSetUpdateStrategy, ExtendedResource, HealthProbe, NodePlacement, SeccompProfile, Timezone,
} from '../src';

// Every invalid input gets its own chart. Construct-time errors name the construct path
// (`DaemonSet 'test/ds'`, Testing.chart()'s id is 'test'), the field and what is allowed.
// Factories (`Timezone.of`, `ExtendedResource.of`, ...) have no construct yet, so their
// errors name the factory instead of a path.

const IMAGE = 'registry.example.com/agent:1.4.2';

test('metadata.name that is not a DNS-1123 subdomain is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    metadata: { name: 'Node_Agent' },
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/^DaemonSet 'test\/ds': metadata\.name: 'Node_Agent' must consist of lower-case alphanumerics, '-' or '\.'.*DNS-1123 subdomain/);
});

test('metadata.namespace that is not a DNS-1123 label is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    metadata: { namespace: 'kube.system' },
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': metadata\.namespace: 'kube\.system' must consist of lower-case alphanumerics or '-'.*DNS-1123 label/);
});

test('label key with a space is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    metadata: { labels: { 'node agent': 'yes' } },
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': metadata\.labels: label key 'node agent' must consist of alphanumerics, '-', '_' or '\.'/);
});

test('label key with two slashes is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    podMetadata: { labels: { 'example.com/team/name': 'infra' } },
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': podMetadata\.labels: label key 'example\.com\/team\/name' may contain at most one '\/'/);
});

test('label value longer than 63 characters is rejected', () => {
  const chart = Testing.chart();
  const value = 'v'.repeat(64);
  expect(() => new DaemonSet(chart, 'ds', {
    metadata: { labels: { app: value } },
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(new RegExp(`DaemonSet 'test/ds': metadata\\.labels: label 'app' value '${value}' is 64 characters long; at most 63 are allowed`));
});

test('label value with a slash is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    metadata: { labels: { app: 'node/agent' } },
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': metadata\.labels: label 'app' value 'node\/agent' must be empty or consist of alphanumerics/);
});

test('annotation key with a space is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    metadata: { annotations: { 'owned by': 'infra' } },
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': metadata\.annotations: annotation key 'owned by' must consist of alphanumerics/);
});

test('duplicate container names are rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE }, { name: 'agent', image: 'busybox:1.36' }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': a container or init container named 'agent' already exists; container names must be unique in a pod/);
});

test('a container named like an init container is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'setup', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': container 'setup': a container or init container named 'setup' already exists/);
});

test('container name that is not a DNS-1123 label is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'Agent_1', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': container name 'Agent_1' must consist of lower-case alphanumerics or '-'.*DNS-1123 label/);
});

test('init container name that is not a DNS-1123 label is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'set.up', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': init container name 'set\.up' must consist of lower-case alphanumerics or '-'/);
});

test('cpu request above the cpu limit is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      resources: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.units(1) } },
    }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': requests cpu 2000m but limits it to 1000m; a request must not exceed its limit/);
});

test('cpu request in millicores above the limit is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      resources: { cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.millis(250) } },
    }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': requests cpu 500m but limits it to 250m; a request must not exceed its limit/);
});

test('memory request above the memory limit is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      resources: { memory: { request: Size.gibibytes(1), limit: Size.mebibytes(512) } },
    }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': requests memory 1024Mi but limits it to 512Mi; a request must not exceed its limit/);
});

test('memory request above the limit by less than a mebibyte is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      resources: { memory: { request: Size.kibibytes(1536), limit: Size.mebibytes(1) } },
    }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': requests memory .* but limits it to .*; a request must not exceed its limit/);
});

test('zero cpu request is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, resources: { cpu: { request: kplus.Cpu.millis(0) } } }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': cpu 0m must be positive/);
});

test('maxUnavailable and maxSurge both zero are rejected', () => {
  expect(() => DaemonSetUpdateStrategy.rollingUpdate({
    maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
    maxSurge: kplus.PercentOrAbsolute.percent(0),
  })).toThrow(/DaemonSetUpdateStrategy\.rollingUpdate: maxUnavailable and maxSurge are both zero.*set maxUnavailable >= 1 \(or a percentage\) or maxSurge >= 1/);
});

test('maxUnavailable zero without maxSurge is rejected', () => {
  expect(() => DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(0) }))
    .toThrow(/DaemonSetUpdateStrategy\.rollingUpdate: maxUnavailable and maxSurge are both zero/);
});

test('maxUnavailable above 100% is rejected', () => {
  expect(() => DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(150) }))
    .toThrow(/DaemonSetUpdateStrategy\.rollingUpdate: maxUnavailable is 150%; a percentage must be between 0% and 100%/);
});

test('negative maxSurge is rejected', () => {
  expect(() => DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(-1) }))
    .toThrow(/DaemonSetUpdateStrategy\.rollingUpdate: maxSurge is -1; it must be a non-negative integer or a percentage/);
});

test('maxSurge with a container hostPort is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      maxSurge: kplus.PercentOrAbsolute.absolute(1),
    }),
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, hostPort: 9100 }] }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': hostPort 9100 cannot be used with the rolling update's maxSurge.*use maxUnavailable instead/);
});

test('maxSurge with a hostPort on a container added later is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.percent(10) }),
    containers: [{ name: 'agent', image: IMAGE }],
  });
  expect(() => ds.addContainer({ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1', ports: [{ number: 8080, hostPort: 80 }] }))
    .toThrow(/DaemonSet 'test\/ds': container 'proxy': hostPort 80 cannot be used with the rolling update's maxSurge/);
});

test('maxSurge with hostNetwork is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    hostNetwork: true,
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(1) }),
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': updateStrategy: maxSurge starts a second pod on each node.*host network.*use maxUnavailable instead/);
});

test('negative minReadySeconds is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    minReadySeconds: -5,
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': minReadySeconds: is -5; it must be a non-negative whole number/);
});

test('fractional minReadySeconds is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    minReadySeconds: 2.5,
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': minReadySeconds: is 2\.5; it must be a non-negative whole number/);
});

test('negative revisionHistoryLimit is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    revisionHistoryLimit: -1,
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': revisionHistoryLimit: is -1; it must be a non-negative whole number/);
});

test('priorityClassName that is not a DNS-1123 subdomain is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    priorityClassName: 'System Node Critical',
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': priorityClassName: 'System Node Critical' must consist of lower-case alphanumerics/);
});

test('unknown timezone is rejected', () => {
  expect(() => Timezone.of('Mars/Olympus'))
    .toThrow(/Timezone\.of: 'Mars\/Olympus' is not an IANA timezone name; use a name from the tz database such as 'Asia\/Shanghai'/);
});

test('timezone in the wrong case is rejected with the right spelling', () => {
  expect(() => Timezone.of('europe/berlin'))
    .toThrow(/Timezone\.of: 'europe\/berlin' is spelled in the wrong case; tz database names are case-sensitive on Linux, use 'Europe\/Berlin'/);
});

test('timezone with a space is rejected', () => {
  expect(() => Timezone.of('America/New York')).toThrow(/Timezone\.of: 'America\/New York' is not an IANA timezone name/);
});

test('relative hostPath in addHostPath is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => ds.addHostPath('var/log', '/host/var/log'))
    .toThrow(/DaemonSet 'test\/ds': addHostPath: hostPath 'var\/log' must be an absolute path \(start with '\/'\)/);
});

test('hostPath with .. in addHostPath is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => ds.addHostPath('/var/log/../../etc', '/host/etc'))
    .toThrow(/DaemonSet 'test\/ds': addHostPath: hostPath '\/var\/log\/\.\.\/\.\.\/etc' must not contain '\.\.'/);
});

test('relative mountPath in addHostPath is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => ds.addHostPath('/var/log', 'host/var/log'))
    .toThrow(/DaemonSet 'test\/ds': addHostPath: mountPath 'host\/var\/log' must be an absolute path \(start with '\/'\)/);
});

test('addHostPath naming a container that does not exist is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => ds.addHostPath('/var/log', '/host/var/log', { containers: ['shipper'] }))
    .toThrow(/DaemonSet 'test\/ds': addHostPath: container 'shipper' does not exist; containers: 'agent'/);
});

test('addHostPath before any container is added is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds');
  expect(() => ds.addHostPath('/var/log', '/host/var/log'))
    .toThrow(/DaemonSet 'test\/ds': addHostPath: the DaemonSet has no containers yet; add containers first or name them in options\.containers/);
});

test('addHostPath with a volumeName already in use is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  ds.addHostPath('/var/log', '/host/var/log', { volumeName: 'logs' });
  expect(() => ds.addHostPath('/var/lib/docker/containers', '/host/containers', { volumeName: 'logs' }))
    .toThrow(/DaemonSet 'test\/ds': addHostPath: a volume named 'logs' already exists; choose another volumeName/);
});

test('mountVolume of a volume not in the pod is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  ds.addHostPath('/var/log', '/host/var/log');
  expect(() => ds.mountVolume('cache', '/cache'))
    .toThrow(/DaemonSet 'test\/ds': mountVolume: volume 'cache' is not a volume of this pod; defined volumes: 'host-var-log'/);
});

test('mountVolume with a relative mountPath is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE }],
    volumes: [kplus.Volume.fromEmptyDir(chart, 'cache', 'cache')],
  });
  expect(() => ds.mountVolume('cache', 'cache'))
    .toThrow(/DaemonSet 'test\/ds': mountVolume: mountPath 'cache' must be an absolute path/);
});

test('probe portName that names no container port is rejected at synthesis', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      ports: [{ number: 9100, name: 'metrics' }],
      readinessProbe: HealthProbe.httpGet('/healthz', { portName: 'health' }),
    }],
  });
  expect(() => Testing.synth(chart))
    .toThrow(/DaemonSet 'test\/ds': container 'agent' readinessProbe probes port 'health', which names no port of this container; named ports: 'metrics' \(at spec\.template\.spec\.containers\[0\]\.readinessProbe\)/);
});

test('probe without a port on a container without ports is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, livenessProbe: HealthProbe.tcpSocket() }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': the tcpSocket probe names no port and the container declares none; set 'port' or 'portName'/);
});

test('Service targetPortName that names no container port is rejected at synthesis', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.exposeViaService({ name: 'agent', ports: [{ port: 80, targetPortName: 'http' }] });
  expect(() => Testing.synth(chart))
    .toThrow(/DaemonSet 'test\/ds': Service 'agent' port 80 targets port name 'http', which no container declares; container ports: 9100 \(metrics\)/);
});

test('Service targetPort number that no container declares is rejected at synthesis', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.exposeViaService({ name: 'agent', ports: [{ port: 80, targetPort: 8080 }] });
  expect(() => Testing.synth(chart))
    .toThrow(/DaemonSet 'test\/ds': Service 'agent' port 80 targets port 8080, which no container declares; container ports: 9100 \(metrics\)/);
});

test('Service port with both targetPort and targetPortName is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'metrics' }] }],
  });
  expect(() => ds.exposeViaService({ ports: [{ port: 80, targetPort: 9100, targetPortName: 'metrics' }] }))
    .toThrow(/DaemonSet 'test\/ds': exposeViaService: port 80 gives both targetPort 9100 and targetPortName 'metrics'; use one/);
});

test('Service without any port to expose is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => ds.exposeViaService())
    .toThrow(/DaemonSet 'test\/ds': exposeViaService: no ports to expose: the containers declare no ports; declare container ports or pass ports/);
});

test('Service with several unnamed ports is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100 }, { number: 9101 }] }],
  });
  expect(() => ds.exposeViaService())
    .toThrow(/DaemonSet 'test\/ds': exposeViaService: the Service has 2 ports, so Kubernetes requires each to be named/);
});

test('duplicate hostPort in one container is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 8080, hostPort: 80 }, { number: 8081, hostPort: 80 }] }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': hostPort 80\/TCP is declared twice; a host port can be bound once per node/);
});

test('duplicate hostPort across two containers is rejected at synthesis', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'agent', image: IMAGE, ports: [{ number: 8080, hostPort: 80 }] },
      { name: 'sidecar', image: 'busybox:1.36', ports: [{ number: 8081, hostPort: 80 }] },
    ],
  });
  expect(() => Testing.synth(chart))
    .toThrow(/DaemonSet 'test\/ds': container 'sidecar' hostPort 80\/TCP is already bound by container 'agent'.*\(at spec\.template\.spec\.containers\[1\]\.ports\[0\]\.hostPort\)/);
});

test('env var name with a dash given in props is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, envVariables: { 'LOG-LEVEL': kplus.EnvValue.fromValue('info') } }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': environment variable name 'LOG-LEVEL' must match \[A-Za-z_\]\[A-Za-z0-9_\]\*/);
});

test('env var name starting with a digit given in props is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, envVariables: { '1ST_NODE': kplus.EnvValue.fromValue('a') } }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': environment variable name '1ST_NODE' must match \[A-Za-z_\]\[A-Za-z0-9_\]\*/);
});

test('env var name added later with container.env.addVariable is rejected at synthesis', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  ds.containers[0].env.addVariable('log.level', kplus.EnvValue.fromValue('debug'));
  expect(() => Testing.synth(chart))
    .toThrow(/DaemonSet 'test\/ds': container 'agent' environment variable name 'log\.level' must match \[A-Za-z_\]\[A-Za-z0-9_\]\*.*\(at spec\.template\.spec\.containers\[0\]\.env\[0\]\.name\)/);
});

test('image reference with spaces is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent: 1.4.2' }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': image 'registry\.example\.com\/agent: 1\.4\.2' contains whitespace; an image reference is \[registry\[:port\]\/\]path\[:tag\]\[@digest\]/);
});

test('image with an upper-case repository is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/Agent:1.4.2' }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': image 'registry\.example\.com\/Agent:1\.4\.2' is not a valid image reference: the repository path must be lower case/);
});

test('empty image is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: '' }] }))
    .toThrow(/DaemonSet 'test\/ds': container 'agent': image '' is empty/);
});

test('Gt node affinity with a non-integer value is rejected at synthesis', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  ds.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.gt('cpu-count', ['1.5'])));
  expect(() => Testing.synth(chart))
    .toThrow(/DaemonSet 'test\/ds': node affinity Gt on 'cpu-count' needs exactly one integer value, got \[1\.5\] \(at spec\.template\.spec\.affinity\.nodeAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.values\)/);
});

test('Lt node affinity with two values is rejected at synthesis', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  ds.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.lt('cpu-count', ['8', '16'])));
  expect(() => Testing.synth(chart)).toThrow(/DaemonSet 'test\/ds': node affinity Lt on 'cpu-count' needs exactly one integer value, got \[8, 16\]/);
});

test('invalid nodeSelector key is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    nodeSelector: { 'node type': 'gpu' },
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': nodeSelector: key 'node type' must consist of alphanumerics, '-', '_' or '\.'/);
});

test('invalid nodeSelector value is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    nodeSelector: { 'node.example.com/type': 'gpu node' },
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': nodeSelector: value 'gpu node' of 'node\.example\.com\/type' must be empty or consist of alphanumerics/);
});

test('nodeSelector conflicting with a placement preset is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    nodeSelector: { 'kubernetes.io/os': 'windows' },
    placement: [NodePlacement.linuxOnly()],
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': nodeSelector: 'kubernetes\.io\/os' is already required to be 'windows'; a node cannot also carry 'linux'/);
});

test('addNodeSelector with a conflicting value is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }], nodeSelector: { 'kubernetes.io/arch': 'amd64' } });
  expect(() => ds.addNodeSelector('kubernetes.io/arch', 'arm64'))
    .toThrow(/DaemonSet 'test\/ds': nodeSelector: 'kubernetes\.io\/arch' is already required to be 'amd64'; a node cannot also carry 'arm64'/);
});

test('architecture placement with an invalid name is rejected', () => {
  expect(() => NodePlacement.architecture('x86_64')).toThrow(/NodePlacement\.architecture: 'x86_64' is not an architecture name as the kubelet reports it \(e\.g\. 'amd64', 'arm64'\)/);
});

test('port name with upper case and underscore is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'Metrics_Port' }] }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': port name 'Metrics_Port' must consist of lower-case alphanumerics or '-'/);
});

test('port name longer than 15 characters is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'node-exporter-metrics' }] }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': port name 'node-exporter-metrics' is 21 characters long; at most 15 are allowed/);
});

test('port name made only of digits is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: '9100' }] }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': port name '9100' must contain at least one letter/);
});

test('container port out of range is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 70000 }] }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': port number 70000 is out of range; a port is an integer from 1 to 65535/);
});

test('hostPort zero is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, hostPort: 0 }] }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': port hostPort 0 is out of range; a port is an integer from 1 to 65535/);
});

test('HealthProbe.httpGet with both port and portName is rejected', () => {
  expect(() => HealthProbe.httpGet('/healthz', { port: 8080, portName: 'http' }))
    .toThrow(/HealthProbe\.httpGet: give 'port' or 'portName', not both \(port 8080, portName 'http'\)/);
});

test('HealthProbe.httpGet with a relative path is rejected', () => {
  expect(() => HealthProbe.httpGet('healthz')).toThrow(/HealthProbe\.httpGet: path 'healthz' must start with '\/'/);
});

test('HealthProbe.httpGet with an invalid header name is rejected', () => {
  expect(() => HealthProbe.httpGet('/healthz', { port: 8080, headers: [{ name: 'X Token', value: 'a' }] }))
    .toThrow(/HealthProbe\.httpGet: header name 'X Token' is not a valid HTTP header name \(RFC 7230 token/);
});

test('HealthProbe.exec with an empty command is rejected', () => {
  expect(() => HealthProbe.exec([])).toThrow(/HealthProbe\.exec: command is empty; give the program and its arguments/);
});

test('HealthProbe.grpc with a port out of range is rejected', () => {
  expect(() => HealthProbe.grpc(0)).toThrow(/HealthProbe\.grpc: port 0 is out of range; a port is an integer from 1 to 65535/);
});

test('HealthProbe with a zero failureThreshold is rejected', () => {
  expect(() => HealthProbe.tcpSocket({ port: 8080, failureThreshold: 0 }))
    .toThrow(/HealthProbe\.tcpSocket: failureThreshold is 0; it must be a positive integer/);
});

test('HealthProbe with a sub-second period is rejected', () => {
  expect(() => HealthProbe.tcpSocket({ port: 8080, period: Duration.millis(500) }))
    .toThrow(/HealthProbe\.tcpSocket: period is .*; Kubernetes needs at least 1 second/);
});

test('liveness probe with successThreshold 2 is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      ports: [{ number: 8080 }],
      livenessProbe: HealthProbe.httpGet('/healthz', { successThreshold: 2 }),
    }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': livenessProbe successThreshold is 2; Kubernetes requires 1 for liveness and startup probes/);
});

test('startup probe with successThreshold 3 is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, startupProbe: HealthProbe.exec(['true'], { successThreshold: 3 }) }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': startupProbe successThreshold is 3; Kubernetes requires 1/);
});

test('both liveness and livenessProbe on one container are rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      ports: [{ number: 8080 }],
      liveness: kplus.Probe.fromTcpSocket({ port: 8080 }),
      livenessProbe: HealthProbe.tcpSocket(),
    }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': both liveness and livenessProbe are set; use one/);
});

test('ExtendedResource.of with an unqualified name is rejected', () => {
  expect(() => ExtendedResource.of('gpu', 1))
    .toThrow(/ExtendedResource\.of: resource name 'gpu' is not fully qualified; use a name like 'nvidia\.com\/gpu' \(domain\/name\)/);
});

test('ExtendedResource.of in the kubernetes.io domain is rejected', () => {
  expect(() => ExtendedResource.of('kubernetes.io/gpu', 1))
    .toThrow(/ExtendedResource\.of: resource name 'kubernetes\.io\/gpu' is in the kubernetes\.io domain, which is reserved for built-in resources/);
});

test('ExtendedResource.of in a kubernetes.io subdomain is rejected', () => {
  expect(() => ExtendedResource.of('devices.kubernetes.io/fpga', 1))
    .toThrow(/ExtendedResource\.of: resource name 'devices\.kubernetes\.io\/fpga' is in the kubernetes\.io domain/);
});

test('ExtendedResource.of with a zero count is rejected', () => {
  expect(() => ExtendedResource.of('nvidia.com/gpu', 0))
    .toThrow(/ExtendedResource\.of: 'nvidia\.com\/gpu' count is 0; extended resources are counted in whole units, use a positive integer/);
});

test('ExtendedResource with a fractional count is rejected', () => {
  expect(() => ExtendedResource.nvidiaGpu(0.5)).toThrow(/ExtendedResource\.of: 'nvidia\.com\/gpu' count is 0\.5; .*positive integer/);
});

test('the same extended resource listed twice is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, extendedResources: [ExtendedResource.nvidiaGpu(1), ExtendedResource.nvidiaGpu(2)] }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': extended resource 'nvidia\.com\/gpu' is listed twice/);
});

test('SeccompProfile.localhost with an absolute path is rejected', () => {
  expect(() => SeccompProfile.localhost('/var/lib/kubelet/seccomp/agent.json'))
    .toThrow(/SeccompProfile\.localhost: '\/var\/lib\/kubelet\/seccomp\/agent\.json' must be a relative path under the kubelet's seccomp directory/);
});

test('SeccompProfile.localhost escaping with .. is rejected', () => {
  expect(() => SeccompProfile.localhost('profiles/../../etc/agent.json'))
    .toThrow(/SeccompProfile\.localhost: 'profiles\/\.\.\/\.\.\/etc\/agent\.json' must be a relative path .*without '\.\.'/);
});

test('privileged container with allowPrivilegeEscalation false is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, securityContext: { privileged: true, allowPrivilegeEscalation: false } }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': securityContext is privileged but sets allowPrivilegeEscalation false, which the API server rejects/);
});

test('dns policy None without nameservers is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    dns: { policy: kplus.DnsPolicy.NONE },
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': dns: policy None needs at least one nameserver; add dns\.nameservers or use another policy/);
});

test('dns policy ClusterFirst with hostNetwork is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    hostNetwork: true,
    dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST },
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': dns\.policy: ClusterFirst with hostNetwork silently falls back.*use ClusterFirstWithHostNet/);
});

test('two DaemonSets with the same metadata.name in one namespace are rejected at synthesis', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { metadata: { name: 'agent' }, containers: [{ name: 'agent', image: IMAGE }] });
  new DaemonSet(chart, 'other', { metadata: { name: 'agent' }, containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => Testing.synth(chart))
    .toThrow(/DaemonSet 'test\/ds': name 'agent' is also used by 'test\/other' in namespace 'default'; DaemonSet names must be unique per namespace/);
});

test('a DaemonSet without a namespace and one in namespace default with the same name are rejected at synthesis', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { metadata: { name: 'agent' }, containers: [{ name: 'agent', image: IMAGE }] });
  new DaemonSet(chart, 'other', { metadata: { name: 'agent', namespace: 'default' }, containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => Testing.synth(chart))
    .toThrow(/DaemonSet 'test\/ds': name 'agent' is also used by 'test\/other' in namespace 'default'; DaemonSet names must be unique per namespace/);
});

test('two DaemonSets with the same name in different namespaces are accepted', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { metadata: { name: 'agent', namespace: 'a' }, containers: [{ name: 'agent', image: IMAGE }] });
  new DaemonSet(chart, 'other', { metadata: { name: 'agent', namespace: 'b' }, containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => Testing.synth(chart)).not.toThrow();
});

test('scheduling.spread() on a DaemonSet is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => ds.scheduling.spread())
    .toThrow(/DaemonSet 'test\/ds': scheduling\.spread\(\) does not apply to a DaemonSet.*Use nodeSelector, placement or scheduling\.attract\(\)/);
});

test('a capability name in lower case is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, capabilities: { add: ['net_admin'] } }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': capability 'net_admin' in capabilities\.add is not a capability name; use upper-case names such as 'NET_ADMIN'/);
});

test('a dropped capability with a dash is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, capabilities: { drop: ['SYS-ADMIN'] } }],
  })).toThrow(/DaemonSet 'test\/ds': container 'agent': capability 'SYS-ADMIN' in capabilities\.drop is not a capability name/);
});

test('duplicate imagePullSecret is rejected', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'a', 'regcred'), kplus.Secret.fromSecretName(chart, 'b', 'regcred')],
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/DaemonSet 'test\/ds': imagePullSecrets: secret 'regcred' is listed twice/);
});

test('enablePrometheusScrape with a port out of range is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => ds.enablePrometheusScrape({ port: 65536 }))
    .toThrow(/DaemonSet 'test\/ds': enablePrometheusScrape: port 65536 is out of range; a port is an integer from 1 to 65535/);
});

test('enablePrometheusScrape with a relative path is rejected', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => ds.enablePrometheusScrape({ port: 9100, path: 'metrics' }))
    .toThrow(/DaemonSet 'test\/ds': enablePrometheusScrape: path 'metrics' must start with '\/'/);
});

test('a DaemonSet without containers is rejected at synthesis', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds');
  expect(() => Testing.synth(chart)).toThrow(/test\/ds.*(no containers|at least (1|one) container)/);
});
