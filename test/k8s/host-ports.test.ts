import { hostPortPath, hostPortsOf, surgeBlocker } from '../../src/k8s/host-ports';

describe('hostPortsOf', () => {
  test('declared host ports, of app containers and sidecars only; every container port with the host network', () => {
    const spec = {
      initContainers: [
        { name: 'setup', ports: [{ containerPort: 1, hostPort: 1 }] },
        { name: 'proxy', restartPolicy: 'Always', ports: [{ containerPort: 15000, hostPort: 15000, protocol: 'UDP' }] },
      ],
      containers: [{ name: 'agent', ports: [{ containerPort: 9100, hostPort: 9100, name: 'metrics' }, { containerPort: 8080 }] }],
    };
    expect(hostPortsOf(spec).map(p => [p.key, p.container])).toEqual([['15000/UDP', 'proxy'], ['9100/TCP', 'agent']]);
    expect(hostPortsOf({ ...spec, hostNetwork: true }).map(p => p.key)).toEqual(['15000/UDP', '9100/TCP', '8080/TCP']);
  });
});

describe('hostPortPath', () => {
  test('the port entry of the named container that binds the port', () => {
    const spec = { containers: [{ name: 'a', ports: [{ containerPort: 80 }, { containerPort: 9100, hostPort: 9100 }] }] };
    expect(hostPortPath(spec, 'a', 9100)).toBe('containers[0].ports[1]');
    expect(hostPortPath({ ...spec, hostNetwork: true }, 'a', 80)).toBe('containers[0].ports[0]');
  });

  describe('rejects', () => {
    test('a port or container the pod does not have: undefined', () => {
      expect(hostPortPath({ containers: [{ name: 'a', ports: [{ containerPort: 80 }] }] }, 'a', 80)).toBeUndefined();
      expect(hostPortPath({ containers: [] }, 'b', 1)).toBeUndefined();
      expect(hostPortPath('not a pod spec', 'b', 1)).toBeUndefined();
    });
  });
});

describe('surgeBlocker', () => {
  test('the host network or host ports keep a second pod off the node', () => {
    expect(surgeBlocker({ hostNetwork: true, containers: [] })).toBe('uses the host network');
    expect(surgeBlocker({ initContainers: [{ name: 'i', ports: [{ hostPort: 1 }] }], containers: [{ name: 'a', ports: [{ containerPort: 9100, hostPort: 9100 }] }] }))
      .toBe('binds host ports (i:1, a:9100)');
    expect(surgeBlocker({ containers: [{ name: 'a', ports: [{ containerPort: 9100 }] }] })).toBeUndefined();
  });
});
