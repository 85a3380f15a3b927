// Go smoke test for the jsii-generated cdk8s-daemonsets module (run by scripts/smoke-go.sh).
//
// The Go module proxy reachable here does not serve cdk8s-core-go nor cdk8s-plus-go, so these modules
// and ours are generated locally by jsii-pacmak from the .jsii assemblies in node_modules. The script
// copies this directory to dist/smoke/go/build, next to the generated modules in dist/smoke/go/gen/go,
// which the replace directives below point at. jsii-runtime-go and constructs-go come from the proxy.
module github.com/cdk8s-daemonsets/cdk8s-daemonsets-go/smoke

go 1.25

require (
	github.com/aws/constructs-go/constructs/v10 v10.4.2
	github.com/aws/jsii-runtime-go v1.140.0
	github.com/cdk8s-daemonsets/cdk8s-daemonsets-go/cdk8sdaemonsets v0.0.0
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v2.70.98
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2 v2.9.5
)

replace (
	github.com/cdk8s-daemonsets/cdk8s-daemonsets-go/cdk8sdaemonsets => ../gen/go/cdk8sdaemonsets
	github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 => ../gen/go/cdk8s
	github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2 => ../gen/go/cdk8splus27
)
