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
  // Runtime dependencies that are not jsii modules must be bundled into the package.
  // yaml: parse manifests in the validate CLI; ajv: compile the Kubernetes JSON schemas.
  bundledDeps: ['yaml@^2.9.1', 'ajv@^8.20.0'],
  bin: { 'cdk8s-daemonsets': 'lib/cli/main.js' },
  devDeps: [
    'cdk8s-plus-27@2.9.5',
    // typescript@latest (7.x) breaks ts-node and ts-jest.
    'typescript@~5.9',
    '@types/node@^20',
    // Drives a real Chromium to render and screenshot the HTML report; it never downloads a browser.
    'playwright-core@^1.64',
    // The Chromium the HTML report test drives: the binary ships inside the npm package (brotli-packed,
    // unpacked to /tmp on first use), so `npm ci && npm test` has a real browser on a machine with only Node
    // and npm; nothing is downloaded at install time, which this network forbids.
    '@sparticuz/chromium@153.0.0',
    // Property-based tests of the public API and the validator (fixed seeds, thousands of cases per run).
    'fast-check@^4.11.0',
    // Minifies the precompiled schema validators at build time (scripts/gen-validators.ts): 3.5 MB -> 1.8 MB.
    'terser@^5.51.4',
  ],
  // Node 20 reached end of life on 2026-10-30; 20 still works, 22 and 24 are recommended and tested in CI.
  minNodeVersion: '20.0.0',

  // No GitHub here: CI is .ci/run.
  github: false,
  release: false,
  depsUpgrade: false,

  // Source maps in separate .js.map files: inline maps were 4.1 MB of base64 comments in 5.7 MB of lib/*.js,
  // which every require read and V8 scanned (issue 17: module load).
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: true, sourceMap: true } },

  docgen: true,
  // `npm test` lints without rewriting anything; `npm run lint:fix` fixes.
  eslintOptions: { dirs: ['src'], commandOptions: { fix: false } },

  jestOptions: {
    // Snapshots must be able to fail; `npm run test:update` refreshes them on purpose.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    passWithNoTests: false,
    jestConfig: {
      testPathIgnorePatterns: ['/node_modules/', '/examples/.*/dist/'],
      // Coverage more than doubles the suite's time on 2 cores; `npm run test:coverage` has it.
      collectCoverage: false,
      // Warnings are collected per test and asserted, never printed (test/setup/quiet-console.ts).
      setupFilesAfterEnv: ['<rootDir>/test/setup/quiet-console.ts'],
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

// Node 20 reached end of life on 2026-10-30; jsii (compile, pacmak, rosetta) prints an 11-line banner on every run
// there. The variable jsii reads (@jsii/check-node) lists the major versions to silence: only Node 20's banner goes,
// a Node that jsii stops supporting later still warns. The README tells Node 20 users the same.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

project.addTask('test:coverage', {
  description: 'Run the test suite with a coverage report (coverage/)',
  exec: 'jest --ci --coverage',
});

// The README's main job: synthesize the default example app to YAML.
project.addTask('synth:example', {
  description: 'Synthesize the default example app (examples/basic) to examples/basic/dist',
  cwd: 'examples/basic',
  exec: 'ts-node --transpile-only --project ../tsconfig.json main.ts',
});

project.addTask('synth:examples', {
  description: 'Synthesize every example app under examples/ to its dist/',
  exec: 'bash scripts/synth-examples.sh',
});

project.addTask('bench', {
  description: 'Benchmarks: synth vs bare cdk8s-plus-27, module load, validation throughput; writes bench/RESULTS.md and bench/PROFILE.md',
  exec: 'ts-node --transpile-only bench/run.ts',
});
project.npmignore?.exclude('/bench/');

project.addTask('test:python', {
  description: "Build the Python wheel, install it into a fresh virtualenv, check its description is Python, run the smoke test and the README's Python app",
  exec: 'bash scripts/smoke-python.sh',
});

// What users install, tested as they meet it: the packed tarball in a fresh cdk8s app outside the repository
// (registry dependencies), the README's example app through `cdk8s synth` with the validation plugin, a deliberate
// mistake, the npm bin, and the wheel in a fresh virtualenv. `--no-python`, `--no-compile`, `--tarball <tgz>`.
project.addTask('test:installed', {
  description: "Installed-package tier: npm pack, a fresh cdk8s app with the tarball, the README's example through cdk8s synth and the validation plugin, the npm bin, the Python wheel",
  exec: 'bash scripts/test-installed.sh',
  receiveArgs: true,
});

// Java and Go: the registries here serve neither cdk8s-plus-27 for Maven nor the cdk8s Go modules, so
// the smoke scripts generate those dependency packages locally from their jsii assemblies (same versions as
// node_modules) with jsii-pacmak, next to this package's own. Both need `npx projen compile` first.
// package-all must build every artifact here too: package:java and package:go compile against locally
// generated cdk8s/cdk8s-plus-27 packages (scripts/package-with-deps.sh) and keep only ours in dist/.
project.tasks.tryFind('package:java')?.reset('bash scripts/package-with-deps.sh java');
project.tasks.tryFind('package:go')?.reset('bash scripts/package-with-deps.sh go');
project.addTask('test:java', {
  description: 'Build the Java packages (ours and its jsii dependencies) and compile and run the Java smoke program with Maven',
  exec: 'bash scripts/smoke-java.sh',
});
project.addTask('test:go', {
  description: 'Generate the Go modules (ours and its jsii dependencies) and build and run the Go smoke program',
  exec: 'bash scripts/smoke-go.sh',
});

// The README's TypeScript snippets, which jsii carries into every language's docs, must compile: jsii-rosetta
// compiles them (fixtures in rosetta/ give them their imports) and fails on any diagnostic.
// The translations land in rosetta's implicit tablet, .jsii.tabl.json next to .jsii, which jsii-pacmak reads by
// itself: the Python wheel's and the Java jar's descriptions and docstrings then show Python and Java, not TypeScript.
const rosettaExtract = project.addTask('rosetta:extract', {
  description: "Compile and translate the README's snippets with jsii-rosetta into .jsii.tabl.json, the tablet jsii-pacmak reads (needs `npx projen compile` first)",
  exec: 'jsii-rosetta extract --compile --fail .jsii',
});
const docsCheck = project.addTask('rosetta:check', {
  description: "Compile the README's code snippets with jsii-rosetta and render the API docs of every jsii language to dist/docs (needs `npx projen compile` first)",
});
docsCheck.spawn(rosettaExtract);
// Every package task compiles and translates first when .jsii or the tablet is missing or stale, so package-all
// works on a fresh clone and no artifact carries untranslated snippets.
const packagePrepare = project.addTask('package:prepare', {
  description: 'jsii compile and rosetta:extract, each only when its output is missing or older than its inputs',
  exec: 'bash scripts/package-prepare.sh',
});
for (const language of ['js', 'python', 'java', 'go']) project.tasks.tryFind(`package:${language}`)?.prependSpawn(packagePrepare);
docsCheck.exec('mkdir -p dist/docs');
for (const language of ['python', 'java', 'go']) docsCheck.exec(`jsii-docgen -l ${language} -o dist/docs/API.${language}.md`);
project.npmignore?.exclude('/rosetta/');
// rosetta's implicit tablet (translated snippets), written next to .jsii; a build output.
project.gitignore.exclude('/.jsii.tabl.json');

project.addTask('check:drift', {
  description: 'Fail when examples/**/dist (examples/consoles/<console>/ included) differs from a fresh synth (changed, added or removed files)',
  exec: 'bash scripts/check-drift.sh',
});

project.tsconfigDev.addInclude('../examples/**/*.ts');
project.eslint?.addLintPattern('bench');
// The examples and benchmarks are type-checked and linted like the tests, but never compiled by jsii.
for (const dir of ['examples', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, rootDir: '..', isolatedModules: true },
      include: ['**/*.ts'],
      exclude: ['**/dist/**'],
    },
  });
}
project.eslint?.addLintPattern('examples');
project.npmignore?.exclude('/examples/');
// The Kubernetes JSON schemas the schema rules load at run time.
project.npmignore?.include('/schemas/');
// The schemas' fast validators, precompiled after the jsii build into lib/schema-validators (issue 17).
project.compileTask.exec('ts-node --transpile-only scripts/gen-validators.ts');
// The package's entry point as one bundled file (issue 17: module load); the per-module files stay for the CLI.
project.compileTask.exec('ts-node --transpile-only scripts/bundle.ts');
project.addTask('gen:schemas', {
  description: 'Regenerate schemas/ from the Kubernetes OpenAPI spec of k8s.io/kubernetes (Go module proxy) and ../shared/crds',
  exec: 'ts-node --transpile-only scripts/gen-k8s-schemas.ts',
});
// The e2e tier: a real control plane (etcd, kube-apiserver, controller manager, scheduler) and kwok nodes,
// built from the Go module proxy by scripts/control-plane/build.sh. A jest project of its own: its files
// end in .e2e.ts, which the unit tier's testMatch never picks up.
new JsonFile(project, 'test/e2e/jest.config.json', {
  obj: {
    rootDir: '../..',
    testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
    globalSetup: '<rootDir>/test/e2e/global-setup.ts',
    globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
    testTimeout: 300_000,
    transform: { '^.+\\.[t]sx?$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
    reporters: ['default', ['jest-junit', { outputDirectory: 'test-reports', outputName: 'junit-e2e.xml' }]],
  },
});
project.addTask('test:e2e', {
  description: 'End-to-end tests against a real control plane with kwok nodes (builds and caches the binaries on first run)',
  exec: 'jest --config test/e2e/jest.config.json --runInBand --ci',
});
project.addTask('build:control-plane', {
  description: 'Build (or find cached) kube-apiserver, controller manager, scheduler, kubectl, etcd, kwok, kubeconform and kube-score',
  exec: 'bash scripts/control-plane/build.sh all',
});
project.addTask('lint:manifests', {
  description: "kubeconform (strict, offline) and kube-score on every example's synthesized YAML",
  exec: 'bash scripts/lint-manifests.sh',
});
project.npmignore?.exclude('/lint/');
// The tarball holds what users run: lib/ (.js, .d.ts), .jsii, schemas/, README, LICENSE, package.json and the
// bundled ajv and yaml. test/installed/npm-package.test.ts checks the list (`npm pack --dry-run`).
project.npmignore?.exclude('/.ci/', '/scripts/', '/docs/', '/API.md', '/.jsii.tabl.json', '/tsconfig.dev.json');
// Source maps stay in the build (bench/profile-summary.ts reads them); the package ships the JavaScript only.
project.npmignore?.exclude('*.js.map');

// A test command never rewrites sources: `eslint` (run by `test`) only reports; `lint:fix` fixes.
project.addTask('lint:fix', {
  description: 'Run eslint with --fix (the only task that rewrites sources)',
  exec: 'projen eslint --fix',
});

// Generated by scripts/import-crds.sh (cdk8s import of ../shared/crds); not hand-written code.
project.eslint?.addIgnorePattern('src/imports/');

// The layers (docs/ARCHITECTURE.md), enforced: imports flow k8s/ -> scheduling/ -> validation/ -> report/ -> cli/, the
// constructs (src/*.ts but index.ts, daemon-set/, presets/) import k8s/, yaml/ and validation/cdk8s/ only, nothing imports
// cli/, rule families never import each other, and no module imports itself back through others.
const CONSTRUCTS = ['./src/!(index).ts', './src/daemon-set', './src/presets'];
const RULE_FAMILIES = ['best-practice', 'cross-object', 'placement-fit', 'pod-security', 'runtime', 'schema', 'semantics', 'upgrade-safety'];
// errors.ts (the library's one error class) imports nothing of the library: every layer may throw it.
const layer = (target: string, allowed: string[]) => ({
  target: `./src/${target}`,
  from: './src',
  except: [...allowed.map(a => `./${a}`), './errors.ts'],
  message: allowed.length === 1
    ? `${target}/ is the leaf layer: it imports nothing of the library (docs/ARCHITECTURE.md).`
    : `${target}/ may import only ${allowed.filter(a => a !== target).map(a => `${a}/`).join(', ')} and itself (docs/ARCHITECTURE.md).`,
});
project.eslint?.addRules({
  'import/no-cycle': ['error', { ignoreExternal: true }],
  'import/no-restricted-paths': ['error', {
    zones: [
      layer('k8s', ['k8s']),
      // The YAML emitter (DaemonSetsApp's output): plain JSON in, YAML text out, on k8s/'s pure helpers only.
      layer('yaml', ['k8s', 'yaml']),
      layer('scheduling', ['k8s', 'scheduling']),
      layer('validation', ['k8s', 'scheduling', 'validation']),
      layer('report', ['k8s', 'scheduling', 'validation', 'report']),
      { target: ['./src/!(cli)/**', './src/*.ts'], from: './src/cli', message: 'nothing imports cli/: it is the top layer (docs/ARCHITECTURE.md).' },
      { target: CONSTRUCTS, from: './src/validation', except: ['./cdk8s'], message: 'constructs reach validation only through validation/cdk8s/ (docs/ARCHITECTURE.md).' },
      { target: CONSTRUCTS, from: ['./src/scheduling', './src/report', './src/cli'], message: 'constructs import k8s/ and validation/cdk8s/ only (docs/ARCHITECTURE.md).' },
      { target: './src/daemon-set', from: './src/presets', message: 'presets build on the DaemonSet, never the other way (docs/ARCHITECTURE.md).' },
      ...RULE_FAMILIES.map(family => ({
        target: `./src/validation/rules/${family}`,
        from: './src/validation/rules',
        except: [`./${family}`],
        message: 'rule families never import each other: what two need moves down to k8s/, scheduling/ or validation/ (docs/ARCHITECTURE.md).',
      })),
    ],
  }],
});

project.synth();
