import { cdk8s, javascript, JsonFile } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-daemonsets',
  description: 'Typed, validated Kubernetes DaemonSets for cdk8s: console-parity options, node-agent defaults and presets.',
  author: 'cdk8s-daemonsets maintainers',
  authorAddress: 'maintainers@cdk8s-daemonsets.dev',
  repositoryUrl: 'https://github.com/cdk8s-daemonsets/cdk8s-daemonsets.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  keywords: ['cdk8s', 'kubernetes', 'daemonset', 'k8s', 'node-agent'],

  // Pins: the cdk8s-construct template defaults to cdk8s v1 / constructs 3.
  cdk8sVersion: '2.70.98',
  constructsVersion: '10.4.2',
  jsiiVersion: '~5.9',
  peerDeps: ['cdk8s-plus-27@^2.9.5'],
  devDeps: [
    'cdk8s-plus-27@2.9.5',
    // typescript@latest (7.x) breaks ts-node and ts-jest.
    'typescript@~5.9',
    '@types/node@^20',
  ],

  // No GitHub here: CI is .ci/run.
  github: false,
  release: false,
  depsUpgrade: false,

  docgen: true,

  jestOptions: {
    // Snapshots must be able to fail; `npm run test:update` refreshes them on purpose.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/examples/.*/dist/'],
    },
  },

  publishToPypi: {
    distName: 'cdk8s-daemonsets',
    module: 'cdk8s_daemonsets',
  },
  publishToMaven: {
    javaPackage: 'dev.cdk8s.daemonsets',
    mavenGroupId: 'dev.cdk8s-daemonsets',
    mavenArtifactId: 'cdk8s-daemonsets',
  },
  publishToGo: {
    moduleName: 'github.com/cdk8s-daemonsets/cdk8s-daemonsets-go',
    packageName: 'cdk8sdaemonsets',
  },
});

// The README's main job: synthesize the default example app to YAML.
project.addTask('synth:example', {
  description: 'Synthesize the default example app (examples/basic) to examples/basic/dist',
  cwd: 'examples/basic',
  exec: 'ts-node --transpile-only --project ../tsconfig.json main.ts',
});

project.tsconfigDev.addInclude('../examples/**/*.ts');
// The examples are type-checked and linted like the tests, but never compiled by jsii.
new JsonFile(project, 'examples/tsconfig.json', {
  obj: {
    extends: '../tsconfig.json',
    compilerOptions: { noEmit: true, rootDir: '..', isolatedModules: true },
    include: ['**/*.ts'],
    exclude: ['**/dist/**'],
  },
});
project.eslint?.addLintPattern('examples');
project.npmignore?.exclude('/examples/');

project.synth();
