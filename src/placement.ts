import * as kplus from 'cdk8s-plus-27';
import { DaemonSetsError } from './errors';
import { checkString } from './input-checks';

/**
 * A reusable choice of which nodes a DaemonSet runs on, made of tolerations and
 * node selector entries. Combine several in `DaemonSetProps.placement`.
 */
export class NodePlacement {
  /**
   * Every node, whatever its taints: tolerates all taints (`operator: Exists` with no key),
   * including NoExecute ones, so the agent is never evicted by a taint. Right for log and
   * metrics agents that must see every node.
   */
  public static allNodes(): NodePlacement {
    return new NodePlacement('allNodes', [kplus.NodeTaintQuery.any()], {});
  }

  /**
   * Worker nodes and the control plane: tolerates the `NoSchedule` taints that kubeadm and most
   * distributions put on control-plane nodes (`node-role.kubernetes.io/control-plane`, and the
   * older `node-role.kubernetes.io/master`), but no other taint.
   */
  public static controlPlaneToo(): NodePlacement {
    return new NodePlacement('controlPlaneToo', [
      kplus.NodeTaintQuery.exists('node-role.kubernetes.io/control-plane', { effect: kplus.TaintEffect.NO_SCHEDULE }),
      kplus.NodeTaintQuery.exists('node-role.kubernetes.io/master', { effect: kplus.TaintEffect.NO_SCHEDULE }),
    ], {});
  }

  /**
   * Linux nodes only (`kubernetes.io/os: linux`), so Linux images never land on Windows nodes.
   */
  public static linuxOnly(): NodePlacement {
    return new NodePlacement('linuxOnly', [], { 'kubernetes.io/os': 'linux' });
  }

  /**
   * Nodes of one CPU architecture (`kubernetes.io/arch`), e.g. `amd64` or `arm64`.
   * @param arch the architecture as the kubelet reports it
   */
  public static architecture(arch: string): NodePlacement {
    checkString('NodePlacement.architecture', 'arch', arch);
    if (!/^[a-z0-9]{1,63}$/.test(arch)) {
      throw new DaemonSetsError(`NodePlacement.architecture: '${arch}' is not an architecture name as the kubelet reports it (e.g. 'amd64', 'arm64').`, 'NodePlacement.architecture', 'arch');
    }
    return new NodePlacement('architecture', [], { 'kubernetes.io/arch': arch });
  }

  /** A short name of the preset, for messages. */
  public readonly name: string;

  /** The tolerations this placement adds. */
  public readonly tolerations: kplus.NodeTaintQuery[];

  /** The node selector entries this placement adds. */
  public readonly nodeSelector: { [key: string]: string };

  private constructor(name: string, tolerations: kplus.NodeTaintQuery[], nodeSelector: { [key: string]: string }) {
    this.name = name;
    this.tolerations = tolerations;
    this.nodeSelector = nodeSelector;
  }
}
