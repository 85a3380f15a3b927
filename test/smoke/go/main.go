// Command smoke is the Go smoke test: the generated module synthesizes a NodeExporterDaemonSet and a
// generic DaemonSet, and the YAML is checked. Run it with scripts/smoke-go.sh.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-daemonsets/cdk8s-daemonsets-go/cdk8sdaemonsets"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2"
)

type check struct {
	name string
	ok   bool
}

func main() {
	defer jsii.Close()

	outdir, err := os.MkdirTemp("", "cdk8s-daemonsets-smoke-go")
	if err != nil {
		panic(err)
	}
	app := cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String(outdir)})
	chart := cdk8s.NewChart(app, jsii.String("agents"), &cdk8s.ChartProps{
		Namespace:                 jsii.String("node-agents"),
		DisableResourceNameHashes: jsii.Bool(true),
	})

	cdk8sdaemonsets.NewNodeExporterDaemonSet(chart, jsii.String("node-exporter"), &cdk8sdaemonsets.NodeExporterDaemonSetProps{
		ServiceMonitor: jsii.Bool(true),
	})

	agent := cdk8sdaemonsets.NewDaemonSet(chart, jsii.String("agent"), &cdk8sdaemonsets.DaemonSetProps{
		Containers: &[]*cdk8sdaemonsets.DaemonSetContainerProps{{
			Name:  jsii.String("agent"),
			Image: jsii.String("registry.example.com/agent:1.4.2"),
		}},
		Timezone: cdk8sdaemonsets.Timezone_FromNode(),
		UpdateStrategy: cdk8sdaemonsets.DaemonSetUpdateStrategy_RollingUpdate(&cdk8sdaemonsets.RollingUpdateOptions{
			MaxUnavailable: cdk8splus27.PercentOrAbsolute_Percent(jsii.Number(10)),
		}),
	})
	agent.AddHostPath(jsii.String("/var/log"), jsii.String("/host/var/log"), nil)
	app.Synth()

	data, err := os.ReadFile(filepath.Join(outdir, "agents.k8s.yaml"))
	if err != nil {
		panic(err)
	}
	text := string(data)
	os.RemoveAll(outdir)
	checks := []check{
		{"node-exporter DaemonSet", strings.Contains(text, "quay.io/prometheus/node-exporter:")},
		{"ServiceMonitor", strings.Contains(text, "kind: ServiceMonitor")},
		{"host path read-only", strings.Contains(text, "mountPath: /host/var/log") && strings.Contains(text, "path: /var/log")},
		{"timezone from node", strings.Contains(text, "path: /etc/localtime")},
		{"rolling update 10%", strings.Contains(text, "maxUnavailable: 10%")},
	}
	failed := 0
	for _, c := range checks {
		if c.ok {
			fmt.Println("ok   " + c.name)
		} else {
			fmt.Println("FAIL " + c.name)
			failed++
		}
	}
	fmt.Printf("%d passed, %d failed\n", len(checks)-failed, failed)
	if failed > 0 {
		jsii.Close()
		os.Exit(1)
	}
}
