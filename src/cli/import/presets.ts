import { fluentBitPlan } from './fluent-bit';
import { nodeExporterPlan } from './node-exporter';
import { PresetPlan, PresetRejection } from './preset-common';
import { Names } from './refs';

export type { PresetPlan } from './preset-common';

const NODE_EXPORTER_IMAGE = /^(quay\.io\/prometheus\/node-exporter|(docker\.io\/)?prom\/node-exporter)(:|@|$)/;
const FLUENT_BIT_IMAGE = /^((docker\.io\/)?fluent\/fluent-bit|cr\.fluentbit\.io\/fluent\/fluent-bit)(:|@|$)/;

/**
 * A preset for a DaemonSet that is recognisably node-exporter or fluent-bit; `rejected` says why a
 * recognised one cannot use it; undefined when it is neither. `adoptDefaults`: configuration files as typed parts.
 */
export function presetPlan(ds: any, v: string, objects: any[], names: Names, adoptDefaults = false): PresetPlan | PresetRejection | undefined {
  const images: string[] = (ds.spec?.template?.spec?.containers ?? []).map((c: any) => String(c.image ?? ''));
  if (images.some(i => NODE_EXPORTER_IMAGE.test(i))) return nodeExporterPlan(ds, v, objects, names, adoptDefaults);
  if (images.some(i => FLUENT_BIT_IMAGE.test(i))) return fluentBitPlan(ds, v, objects, names, adoptDefaults);
  return undefined;
}
