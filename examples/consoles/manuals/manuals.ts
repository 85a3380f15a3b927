import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DaemonSet, NodePlacement } from '../../../src';
import { VolcengineResources } from '../../../src/vendors';

/*
 * The two DaemonSets the consoles' manuals show, written with the library (docs/console-guide.md, "The manuals'
 * manifests"). test/consoles/manual-manifests.test.ts compares every field of each with the manual's YAML: each
 * field of the manual comes out with the same value, and each field the library adds is listed there with why.
 * The props that turn off the library's node-agent hardening (non-root, read-only root filesystem, dropped
 * capabilities, no API token) keep the manuals' behaviour; leave them out to get the hardened agent.
 */

/** What the manuals' containers keep from their images: root, a writable root filesystem, the runtime's capabilities. */
const AS_THE_MANUAL_RUNS_IT = {
  securityContext: { ensureNonRoot: false, readOnlyRootFilesystem: false, allowPrivilegeEscalation: true },
  capabilities: { drop: [] },
};

/**
 * The Kubernetes documentation's fluentd-elasticsearch DaemonSet
 * (https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/, test/fixtures/valid/fluentd-elasticsearch.yaml).
 */
export function fluentdElasticsearch(scope: Construct): DaemonSet {
  const fluentd = new DaemonSet(scope, 'fluentd-elasticsearch', {
    metadata: { name: 'fluentd-elasticsearch', namespace: 'kube-system', labels: { 'k8s-app': 'fluentd-logging' } },
    selectorLabels: { name: 'fluentd-elasticsearch' },
    automountServiceAccountToken: true,
    securityContext: { ensureNonRoot: false },
    containers: [{
      name: 'fluentd-elasticsearch',
      image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
      resources: {
        cpu: { request: kplus.Cpu.millis(100) },
        memory: { request: Size.mebibytes(200), limit: Size.mebibytes(200) },
      },
      ...AS_THE_MANUAL_RUNS_IT,
    }],
    terminationGracePeriod: Duration.seconds(30),
    // The manual's two tolerations: the control-plane and the legacy master taint, NoSchedule, Exists.
    placement: [NodePlacement.controlPlaneToo()],
  });
  fluentd.addHostPath('/var/log', '/var/log', { volumeName: 'varlog', readOnly: false });
  return fluentd;
}

/**
 * Volcengine VKE's daemonset-demo (https://www.volcengine.com/docs/6460/100979,
 * test/fixtures/consoles/volcengine-daemonset-demo.yaml): two RDMA devices under limits only.
 */
export function volcengineDaemonSetDemo(scope: Construct): DaemonSet {
  return new DaemonSet(scope, 'daemonset-demo', {
    metadata: { name: 'daemonset-demo', namespace: 'default' },
    selectorLabels: { app: 'daemonset-demo' },
    automountServiceAccountToken: true,
    securityContext: { ensureNonRoot: false },
    containers: [{
      name: 'daemonset-demo',
      image: 'registry.example.com/demo/nginx:1.27.0',
      resources: {
        cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.units(1) },
        memory: { request: Size.mebibytes(1024), limit: Size.gibibytes(2) },
      },
      extendedResources: [VolcengineResources.rdma(2, { limitOnly: true })],
      ...AS_THE_MANUAL_RUNS_IT,
    }],
  });
}
