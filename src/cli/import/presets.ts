import { fluentBitPlan } from './fluent-bit';
import { nodeExporterPlan } from './node-exporter';
import { PresetPlan, PresetRejection } from './preset-common';
import { Names } from './refs';
import { asList } from '../../k8s/shape';

export type { PresetPlan } from './preset-common';

const NODE_EXPORTER_IMAGE = /^(quay\.io\/prometheus\/node-exporter|(docker\.io\/)?prom\/node-exporter)(:|@|$)/;
const FLUENT_BIT_IMAGE = /^((docker\.io\/)?fluent\/fluent-bit|cr\.fluentbit\.io\/fluent\/fluent-bit)(:|@|$)/;

/**
 * A preset for a DaemonSet that is recognisably node-exporter or fluent-bit; `rejected` says why a
 * recognised one cannot use it; undefined when it is neither. `adoptDefaults`: configuration files as typed parts.
 */
export function presetPlan(ds: any, v: string, objects: any[], names: Names, adoptDefaults = false): PresetPlan | PresetRejection | undefined {
  const images: string[] = asList(ds.spec?.template?.spec?.containers).map((c: any) => String(c?.image ?? ''));
  const plan = images.some(i => NODE_EXPORTER_IMAGE.test(i)) ? nodeExporterPlan
    : images.some(i => FLUENT_BIT_IMAGE.test(i)) ? fluentBitPlan : undefined;
  if (!plan) return undefined;
  try {
    return plan(ds, v, objects, names, adoptDefaults);
  } catch (e) {
    // A manifest the API server would refuse (a list that is a string, a name that is a number): the DaemonSet is
    // imported as a DaemonSet, whose import reports each such field, instead of the whole import failing.
    return { rejected: `its manifest has a shape the preset's import does not read (${e instanceof Error ? e.message : String(e)})` };
  }
}
