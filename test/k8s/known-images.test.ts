import { imageRepository, KNOWN_IMAGES, knownImage, restrictedStartProblems, runsAsNumericNonRoot } from '../../src/k8s/known-images';

test('imageRepository drops the tag, the digest and Docker Hub\'s default prefixes, keeping a registry port', () => {
  expect(imageRepository('nginx:1.27')).toBe('nginx');
  expect(imageRepository('docker.io/library/nginx:1.27')).toBe('nginx');
  expect(imageRepository('docker.io/prom/node-exporter:v1.8.2')).toBe('prom/node-exporter');
  expect(imageRepository('quay.io/prometheus/node-exporter@sha256:0123')).toBe('quay.io/prometheus/node-exporter');
  expect(imageRepository('registry.example.com:5000/agent:2.0')).toBe('registry.example.com:5000/agent');
  expect(imageRepository('registry.example.com:5000/agent')).toBe('registry.example.com:5000/agent');
});

test('knownImage finds an entry by repository, and by tag where the entry restricts tags', () => {
  expect(knownImage('quay.io/prometheus/node-exporter:v1.12.1')?.user).toBe('nobody');
  expect(knownImage('gcr.io/distroless/static-debian12:nonroot')?.user).toBe('65532');
  expect(knownImage('gcr.io/distroless/static:nonroot-amd64')?.user).toBe('65532');
  expect(knownImage('gcr.io/distroless/static-debian12:latest')).toBeUndefined();
  expect(knownImage('registry.example.com/agent:1.4.2')).toBeUndefined();
});

test('runsAsNumericNonRoot: what the kubelet can verify without runAsUser', () => {
  expect(runsAsNumericNonRoot('65532')).toBe(true);
  expect(runsAsNumericNonRoot('65532:65532')).toBe(true);
  expect(runsAsNumericNonRoot('0')).toBe(false);
  expect(runsAsNumericNonRoot('nobody')).toBe(false);
  expect(runsAsNumericNonRoot('root')).toBe(false);
});

test('restrictedStartProblems: none for a ready image, each reason for the others, undefined when unknown', () => {
  expect(restrictedStartProblems('quay.io/brancz/kube-rbac-proxy:v0.20.2')).toEqual([]);
  expect(restrictedStartProblems('ghcr.io/jimmidyson/configmap-reload:v0.15.0')).toEqual([]);
  expect(restrictedStartProblems('nginx:1.27')).toEqual([
    'it runs as root, so the kubelet refuses runAsNonRoot (CreateContainerConfigError)',
    'it writes outside its volumes, which a read-only root filesystem refuses',
  ]);
  expect(restrictedStartProblems('cr.fluentbit.io/fluent/fluent-bit:5.1.2')).toEqual([
    'it runs as root, so the kubelet refuses runAsNonRoot (CreateContainerConfigError)',
  ]);
  expect(restrictedStartProblems('prom/node-exporter:v1.12.1')).toHaveLength(1);
  expect(restrictedStartProblems('registry.example.com/agent:1.4.2')).toBeUndefined();
});

test('every entry cites its source and no repository is listed twice', () => {
  const repositories = KNOWN_IMAGES.flatMap(k => k.repositories);
  expect(new Set(repositories).size).toBe(repositories.length);
  for (const k of KNOWN_IMAGES) {
    expect(k.source.length).toBeGreaterThan(10);
    for (const r of k.repositories) expect(imageRepository(r)).toBe(r);
  }
});
