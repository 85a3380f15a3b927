import { App, AppProps, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, DaemonSetsApp, DaemonSetServiceType, DaemonSetUpdateStrategy, HealthProbe, NodePlacement } from '../../../src';

/**
 * A multi-cloud platform's DaemonSet form as code (docs/console-guide.md, "Multi-cloud platform"). The form asks
 * for a replica count, which a DaemonSet does not have (one pod per admitted node: passing `replicas` is a
 * construction error that says so), allows only restart policy Always (a DaemonSet's only policy, written by
 * default), and offers an external LoadBalancer Service, which `exposeViaService` creates.
 */
export function buildApp(props: AppProps = {}): App {
  const app = new DaemonSetsApp(props);
  const chart = new Chart(app, 'multicloud-ingress', { namespace: 'ingress-edge', disableResourceNameHashes: true });

  const edge = new DaemonSet(chart, 'edge', {
    // kube-score (npm run lint:manifests): the edge serves the internet through its load balancer, so a
    // NetworkPolicy would only restate "from anywhere".
    metadata: { name: 'edge-router', annotations: { 'kube-score/ignore': 'pod-networkpolicy' } },
    containers: [{
      name: 'router',
      image: 'registry.example.com/edge/router:3.3.2',
      ports: [{ number: 8443, name: 'https' }, { number: 8080, name: 'health' }],
      resources: {
        cpu: { request: kplus.Cpu.millis(200), limit: kplus.Cpu.units(1) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) },
      },
      livenessProbe: HealthProbe.httpGet('/healthz', { portName: 'health', period: Duration.seconds(20) }),
      readinessProbe: HealthProbe.httpGet('/ready', { portName: 'health' }),
      securityContext: { user: 10001, group: 10001 },
    }],
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
    priorityClassName: 'system-cluster-critical',
    placement: [NodePlacement.linuxOnly()],
    nodeSelector: { 'example.com/role': 'edge' },
  });
  // The form's "external access: LoadBalancer": the cloud's load balancer in front of every node's pod.
  edge.exposeViaService({
    name: 'edge-router',
    serviceType: DaemonSetServiceType.LOAD_BALANCER,
    ports: [{ port: 443, targetPortName: 'https', name: 'https' }],
  });
  return app;
}
