/**
 * Jest global setup of the e2e tier: starts one control plane for every e2e suite, installs the
 * prometheus-operator CRDs, creates the shared kwok nodes and publishes the connection details through
 * CDK8S_DAEMONSETS_E2E_INFO (a JSON file).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Cluster, E2E_INFO_ENV } from './cluster';
import { ControlPlane } from './control-plane';
import { BASE_NODES, crdFiles } from './fixtures';

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const cp = await ControlPlane.start();
  (globalThis as any).__cdk8sDaemonSetsControlPlane = cp;
  const infoFile = path.join(cp.info.dataDir, 'info.json');
  fs.writeFileSync(infoFile, JSON.stringify(cp.info));
  process.env[E2E_INFO_ENV] = infoFile;

  const cluster = new Cluster(cp.info);
  try {
    for (const file of crdFiles()) cluster.kubectl(['apply', '--server-side', '-f', file]);
    cluster.kubectl(['wait', '--for=condition=Established', '--timeout=60s', 'crd', '--all']);
    cluster.addNodes(BASE_NODES);
    await cluster.waitFor('kwok marks every node Ready', () => {
      const nodes = cluster.get(['nodes']).items;
      const ready = nodes.filter((n: any) => (n.status.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'));
      return ready.length === BASE_NODES.length ? true : undefined;
    });
  } catch (e) {
    cp.dumpLogs();
    await cp.stop();
    throw e;
  }
  process.stderr.write(`[e2e] control plane ${cp.info.kubernetesVersion} with ${BASE_NODES.length} kwok nodes ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
