import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DIGEST, containerNamed, synthPodSpec } from './synth';
import { DaemonSet } from '../../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

// DaemonSet: containers.

test('several containers and init containers, in order, with command, args and workingDir', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    initContainers: [
      { name: 'wait-for-kubelet', image: 'busybox:1.36', command: ['sh', '-c'], args: ['until [ -S /var/lib/kubelet/pod-resources/kubelet.sock ]; do sleep 1; done'] },
      { name: 'migrate', image: 'registry.example.com/agent:1.4.2', command: ['/agent', 'migrate'] },
    ],
    containers: [
      { name: 'agent', image: 'registry.example.com/agent:1.4.2', command: ['/agent'], args: ['--config=/etc/agent/agent.yaml', '--v=2'], workingDir: '/var/lib/agent' },
      { name: 'reloader', image: 'registry.example.com/reloader:0.3', args: ['--watch=/etc/agent'] },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(spec.initContainers.map((c: any) => c.name)).toEqual(['wait-for-kubelet', 'migrate']);
  expect(spec.containers.map((c: any) => c.name)).toEqual(['agent', 'reloader']);
  const wait = containerNamed(spec, 'wait-for-kubelet');
  expect(wait.image).toEqual('busybox:1.36');
  expect(wait.command).toEqual(['sh', '-c']);
  expect(wait.args).toEqual(['until [ -S /var/lib/kubelet/pod-resources/kubelet.sock ]; do sleep 1; done']);
  expect(containerNamed(spec, 'migrate').command).toEqual(['/agent', 'migrate']);
  const agent = containerNamed(spec, 'agent');
  expect(agent.image).toEqual('registry.example.com/agent:1.4.2');
  expect(agent.command).toEqual(['/agent']);
  expect(agent.args).toEqual(['--config=/etc/agent/agent.yaml', '--v=2']);
  expect(agent.workingDir).toEqual('/var/lib/agent');
  const reloader = containerNamed(spec, 'reloader');
  expect(reloader.command).toBeUndefined();
  expect(reloader.args).toEqual(['--watch=/etc/agent']);
  expect(reloader.workingDir).toBeUndefined();
});

test('imagePullPolicy follows the Kubernetes defaulting rule unless given', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'tagged', image: 'registry.example.com/agent:1.4.2' },
      { name: 'digest', image: `registry.example.com/agent@${DIGEST}` },
      { name: 'tag-and-digest', image: `registry.example.com/agent:latest@${DIGEST}` },
      { name: 'latest', image: 'registry.example.com/agent:latest' },
      { name: 'untagged', image: 'registry.example.com/agent' },
      { name: 'registry-port', image: 'registry.example.com:5000/agent' },
      { name: 'explicit-never', image: 'registry.example.com/agent:latest', imagePullPolicy: kplus.ImagePullPolicy.NEVER },
      { name: 'explicit-always', image: 'registry.example.com/agent:1.4.2', imagePullPolicy: kplus.ImagePullPolicy.ALWAYS },
    ],
    initContainers: [{ name: 'init-untagged', image: 'busybox' }],
  });
  ds.addContainer({ name: 'late-pinned', image: 'registry.example.com:5000/agent:2.0' });
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  const spec = synthPodSpec(chart);
  warn.mockRestore();
  const policies = Object.fromEntries([...spec.initContainers, ...spec.containers].map((c: any) => [c.name, c.imagePullPolicy]));
  expect(policies).toEqual({
    'tagged': 'IfNotPresent',
    'digest': 'IfNotPresent',
    'tag-and-digest': 'IfNotPresent',
    'latest': 'Always',
    'untagged': 'Always',
    'registry-port': 'Always',
    'explicit-never': 'Never',
    'explicit-always': 'Always',
    'init-untagged': 'Always',
    'late-pinned': 'IfNotPresent',
  });
  // unpinned images (no tag, or latest) are reported as warnings, not errors
  expect(ds.warnings.map(w => w.match(/container '([^']+)'/)![1])).toEqual(['init-untagged', 'latest', 'untagged', 'registry-port', 'explicit-never']);
});

test('several imagePullSecrets, and addImagePullSecret after construction', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'pull-a', 'registry-a'), kplus.Secret.fromSecretName(chart, 'pull-b', 'registry-b')],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  ds.addImagePullSecret(kplus.Secret.fromSecretName(chart, 'pull-c', 'registry-c'));
  expect(ds.imagePullSecretNames).toEqual(['registry-a', 'registry-b', 'registry-c']);
  expect(synthPodSpec(chart).imagePullSecrets).toEqual([{ name: 'registry-a' }, { name: 'registry-b' }, { name: 'registry-c' }]);
});

test('addImagePullSecret alone emits a single pull secret', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(synthPodSpec(chart).imagePullSecrets).toBeUndefined();
  const chart2 = Testing.chart();
  const ds2 = new DaemonSet(chart2, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds2.addImagePullSecret(kplus.Secret.fromSecretName(chart2, 'pull', 'registry-a'));
  expect(synthPodSpec(chart2).imagePullSecrets).toEqual([{ name: 'registry-a' }]);
  expect(ds.imagePullSecretNames).toEqual([]);
});

describe('rejects bad containers input', () => {
  test('container names must be unique across containers and init containers', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', {
      initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
      containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
    });
    expect(() => ds.addContainer({ name: 'agent', image: 'registry.example.com/agent:1.4.2' })).toThrow(/a container or init container named 'agent' already exists/);
    expect(() => ds.addContainer({ name: 'setup', image: 'busybox:1.36' })).toThrow(/a container or init container named 'setup' already exists/);
    expect(() => new DaemonSet(Testing.chart(), 'ds', { containers: [{ name: 'Agent_1', image: 'busybox:1.36' }] })).toThrow(/container name 'Agent_1'/);
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

  test('duplicate imagePullSecret is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'a', 'regcred'), kplus.Secret.fromSecretName(chart, 'b', 'regcred')],
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': imagePullSecrets: secret 'regcred' is listed twice/);
  });

  test('a DaemonSet without containers is rejected at synthesis', () => {
    const chart = Testing.chart();
    new DaemonSet(chart, 'ds');
    expect(() => Testing.synth(chart)).toThrow(/test\/ds.*(no containers|at least (1|one) container)/);
  });
});
