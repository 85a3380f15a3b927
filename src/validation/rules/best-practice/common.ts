import { ContainerRef } from '../../../k8s/pod-template';
import { Manifest, text } from '../../../k8s/shape';
import { PodWorkload as Workload, podWorkloads } from '../../pod-workloads';
import { Rule, RuleContext, RuleHit, RuleReference, Severity } from '../../rule';

// Helpers shared by the best-practice rules: each rule looks at one pod template at a time.

/** Whether a container runs for the pod's lifetime and can have probes: a regular container or a native sidecar. */
export function longRunning(c: ContainerRef): boolean {
  return !c.ephemeral && (!c.init || c.sidecar);
}

export function isWindows(w: Workload): boolean {
  return w.spec.os?.name === 'windows';
}

export function who(c: ContainerRef): string {
  return `${c.ephemeral ? 'ephemeral container' : c.init ? (c.sidecar ? 'sidecar container' : 'init container') : 'container'} '${text(c.container.name)}'`;
}

export function capName(cap: unknown): string {
  const s = text(cap).toUpperCase(); // not String(): an object without a prototype has no toString
  return s.startsWith('CAP_') ? s.slice(4) : s;
}

export type Add = (path: string, message: string, hint: string, severity?: Severity) => void;

/** A rule that looks at each pod template of the input in turn; `reference` is its entry in the rules reference. */
export function podRule(
  reference: RuleReference,
  check: (w: Workload, add: Add, state: any) => void,
  prepare?: (ctx: RuleContext) => any,
): Rule {
  return {
    ...reference,
    check(ctx: RuleContext): RuleHit[] {
      const hits: RuleHit[] = [];
      const workloads = podWorkloads(ctx);
      if (workloads.length === 0) return hits;
      const state = prepare ? prepare(ctx) : undefined;
      let object: Manifest = {};
      const add: Add = (path, message, hint, sev) => {
        hits.push(sev ? { object, path, message, hint, severity: sev } : { object, path, message, hint });
      };
      for (let i = 0; i < workloads.length; i++) {
        object = workloads[i].object;
        check(workloads[i], add, state);
      }
      return hits;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Resources
