import { parseKubernetesVersion } from '../../src/cli/args';
import { Progress } from '../../src/cli/progress';
import { EXIT_OK, EXIT_USAGE, runValidate } from '../../src/cli/validate';
import { DEFAULT_KUBERNETES_VERSION } from '../../src/validation/engine';
import { shippedSchemaVersions } from '../../src/validation/rules/schema/schema-set';

const SILENT = new Progress({ isTTY: false, write: () => { throw new Error('progress must not be written'); } });
const CONFIG_MAP = () => 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: n\n';

describe('parseKubernetesVersion', () => {
  const supported = ['1.27', '1.28', '1.31'];

  test('a supported minor, also written with v or a patch version', () => {
    expect(parseKubernetesVersion('1.28', supported)).toBe('1.28');
    expect(parseKubernetesVersion('v1.31', supported)).toBe('1.31');
    expect(parseKubernetesVersion(' 1.31.4 ', supported)).toBe('1.31');
  });

  test('an unsupported minor is refused, listing the supported ones (never mapped to the nearest)', () => {
    expect(() => parseKubernetesVersion('1.20', supported)).toThrow('--k8s-version 1.20 is not supported (no shipped schemas for 1.20); supported: 1.27, 1.28, 1.31');
    expect(() => parseKubernetesVersion('1.45', supported)).toThrow(/1\.45 is not supported/);
    expect(() => parseKubernetesVersion('1.29', supported)).toThrow(/1\.29 is not supported/);
  });

  test('what is no version at all', () => {
    for (const v of ['latest', '', '1', '2.0', '1.031', '1.31.x', 'v1.31.4.1']) {
      expect(() => parseKubernetesVersion(v, supported, '--kube')).toThrow(`--kube ${v} is not a Kubernetes minor version such as 1.31; supported: 1.27, 1.28, 1.31`);
    }
  });

  test('by default, the shipped schema minors: 1.27 to 1.37, the default among them', () => {
    const shipped = shippedSchemaVersions();
    expect(shipped[0]).toBe('1.27');
    expect(shipped[shipped.length - 1]).toBe('1.37');
    expect(shipped).toContain(DEFAULT_KUBERNETES_VERSION);
    for (const v of shipped) expect(parseKubernetesVersion(v)).toBe(v);
  });
});

describe('validate --k8s-version', () => {
  const run = (...args: string[]) => runValidate([...args, '-'], CONFIG_MAP, SILENT, { color: false });

  test('the help shows the default and the supported range', () => {
    const help = runValidate(['--help'], CONFIG_MAP, SILENT).stdout;
    expect(help).toMatch(new RegExp(`--k8s-version 1\\.N +Kubernetes minor version to judge against \\(default ${DEFAULT_KUBERNETES_VERSION.replace('.', '\\.')};\\n +supported: 1\\.27 to 1\\.37\\)`));
  });

  test('an unsupported version is a usage error (exit 2) listing the supported ones', () => {
    for (const v of ['1.20', '1.45']) {
      const result = run('--k8s-version', v);
      expect(result.code).toBe(EXIT_USAGE);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(new RegExp(`^cdk8s-daemonsets validate: --k8s-version ${v.replace('.', '\\.')} is not supported \\(no shipped schemas for ${v.replace('.', '\\.')}\\); supported: 1\\.27, 1\\.28, .*, 1\\.37\\n`));
    }
  });

  test('a supported version, in any of its spellings, runs', () => {
    for (const v of ['1.27', 'v1.37', '1.31.4']) expect(run('--k8s-version', v).code).toBe(EXIT_OK);
  });
});
