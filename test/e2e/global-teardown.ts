/** Jest global teardown of the e2e tier: stops every control-plane process and removes its data directory. */
import type { ControlPlane } from './control-plane';

export default async function globalTeardown(): Promise<void> {
  const cp = (globalThis as any).__cdk8sDaemonSetsControlPlane as ControlPlane | undefined;
  if (!cp) return;
  if (process.env.E2E_DUMP_LOGS) cp.dumpLogs();
  await cp.stop();
}
