import { Predict } from './checks';
import { surgeBlocker } from '../../../k8s/host-ports';
import { asObject, isObject, text } from '../../../k8s/shape';

type Json = { [key: string]: any };

/**
 * A DaemonSet whose rolling update surges (maxSurge > 0) while its pods bind host ports or use the host network:
 * the API server accepts it, but the surge pod starts beside the old one on the same node and can never bind
 * the same port, so the rollout never finishes (the DaemonSet controller waits for the surge pod forever).
 */
export function maxSurgeHostPort(ds: Json, predict: Predict): void {
  const spec = asObject(asObject(ds).spec);
  const strategy = asObject(spec.updateStrategy);
  const ru = strategy.rollingUpdate;
  if (strategy.type !== 'RollingUpdate' || !isObject(ru)) return;
  const surge = ru.maxSurge;
  if (surge === undefined || surge === 0 || surge === '0%') return;
  const blocker = surgeBlocker(asObject(asObject(spec.template).spec));
  if (!blocker) return;
  predict('max-surge-host-port', 'spec.updateStrategy.rollingUpdate.maxSurge',
    `the API server accepts maxSurge ${text(surge)}, but the surge pod starts next to the old one on the same node and the pod ${blocker}, `
    + 'so the new pod could never start and the rollout never finishes; use maxUnavailable instead of maxSurge');
}
