package dev.cdk8s.daemonsets.smoke;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.plus27.PercentOrAbsolute;

import dev.cdk8s.daemonsets.DaemonSet;
import dev.cdk8s.daemonsets.DaemonSetContainerProps;
import dev.cdk8s.daemonsets.DaemonSetUpdateStrategy;
import dev.cdk8s.daemonsets.NodeExporterDaemonSet;
import dev.cdk8s.daemonsets.RollingUpdateOptions;
import dev.cdk8s.daemonsets.Timezone;

/** Java smoke test: the generated package synthesizes a NodeExporterDaemonSet and a generic DaemonSet. */
public final class Smoke {
    public static void main(final String[] args) throws Exception {
        Path outdir = Files.createTempDirectory("cdk8s-daemonsets-smoke-java");
        App app = new App(AppProps.builder().outdir(outdir.toString()).build());
        Chart chart = new Chart(app, "agents", ChartProps.builder()
                .namespace("node-agents")
                .disableResourceNameHashes(true)
                .build());

        NodeExporterDaemonSet.Builder.create(chart, "node-exporter")
                .serviceMonitor(true)
                .build();

        DaemonSet agent = DaemonSet.Builder.create(chart, "agent")
                .containers(List.of(DaemonSetContainerProps.builder()
                        .name("agent")
                        .image("registry.example.com/agent:1.4.2")
                        .build()))
                .timezone(Timezone.fromNode())
                .updateStrategy(DaemonSetUpdateStrategy.rollingUpdate(RollingUpdateOptions.builder()
                        .maxUnavailable(PercentOrAbsolute.percent(10))
                        .build()))
                .build();
        agent.addHostPath("/var/log", "/host/var/log");
        app.synth();

        String text = Files.readString(outdir.resolve("agents.k8s.yaml"), StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(outdir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("node-exporter DaemonSet", text.contains("quay.io/prometheus/node-exporter:"));
        checks.put("ServiceMonitor", text.contains("kind: ServiceMonitor"));
        checks.put("host path read-only", text.contains("mountPath: /host/var/log") && text.contains("path: /var/log"));
        checks.put("timezone from node", text.contains("path: /etc/localtime"));
        checks.put("rolling update 10%", text.contains("maxUnavailable: 10%"));

        int failed = 0;
        for (Map.Entry<String, Boolean> check : checks.entrySet()) {
            System.out.println((check.getValue() ? "ok   " : "FAIL ") + check.getKey());
            if (!check.getValue()) {
                failed++;
            }
        }
        System.out.println((checks.size() - failed) + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }
}
