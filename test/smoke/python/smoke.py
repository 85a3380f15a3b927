"""Python smoke test: the generated package synthesizes a NodeExporterDaemonSet and a generic DaemonSet."""
import os
import sys
import tempfile

import cdk8s
import cdk8s_plus_27 as kplus
from cdk8s_daemonsets import DaemonSet, NodeExporterDaemonSet, Timezone, DaemonSetUpdateStrategy

outdir = tempfile.mkdtemp()
app = cdk8s.App(outdir=outdir)
chart = cdk8s.Chart(app, "agents", namespace="node-agents", disable_resource_name_hashes=True)
NodeExporterDaemonSet(chart, "node-exporter", service_monitor=True)
agent = DaemonSet(
    chart, "agent",
    containers=[{"name": "agent", "image": "registry.example.com/agent:1.4.2"}],
    timezone=Timezone.from_node(),
    update_strategy=DaemonSetUpdateStrategy.rolling_update(max_unavailable=kplus.PercentOrAbsolute.percent(10)),
)
agent.add_host_path("/var/log", "/host/var/log")
app.synth()

text = open(os.path.join(outdir, "agents.k8s.yaml")).read()
checks = {
    "node-exporter DaemonSet": "quay.io/prometheus/node-exporter:" in text,
    "ServiceMonitor": "kind: ServiceMonitor" in text,
    "host path read-only": "mountPath: /host/var/log" in text and "path: /var/log" in text,
    "timezone from node": "path: /etc/localtime" in text,
    "rolling update 10%": "maxUnavailable: 10%" in text,
}
failed = [name for name, ok in checks.items() if not ok]
for name, ok in checks.items():
    print(("ok   " if ok else "FAIL ") + name)
print(f"{len(checks) - len(failed)} passed, {len(failed)} failed")
sys.exit(1 if failed else 0)
