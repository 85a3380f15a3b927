import {
  checkAbsolutePath, checkDns1123Label, checkDns1123Subdomain, checkEnvVarName, checkImageReference,
  checkLabel, checkLabelValue, checkPortName, checkQualifiedName, imageTag, isPortNumber,
} from '../../src/k8s/syntax';

describe('checkDns1123Label', () => {
  test.each(['a', 'node-agent', 'agent1', '1agent', 'a'.repeat(63)])('accepts %s', v => {
    expect(checkDns1123Label(v)).toBeUndefined();
  });
  test.each(['', 'Agent', 'node_agent', 'node.agent', '-agent', 'agent-', 'node agent'])('rejects %j', v => {
    expect(checkDns1123Label(v)).toBe('must consist of lower-case alphanumerics or \'-\', and start and end with an alphanumeric (DNS-1123 label, e.g. \'node-agent\')');
  });
  test('rejects 64 characters with the length', () => {
    expect(checkDns1123Label('a'.repeat(64))).toBe('is 64 characters long; at most 63 are allowed (DNS-1123 label)');
  });
});

describe('checkDns1123Subdomain', () => {
  test.each(['a', 'node-agent', 'system-node-critical', 'agents.example.com', `${'a'.repeat(63)}.${'b'.repeat(63)}`])('accepts %s', v => {
    expect(checkDns1123Subdomain(v)).toBeUndefined();
  });
  test.each(['', 'Node', 'a..b', '.a', 'a.', 'a_b', 'a.-b'])('rejects %j', v => {
    expect(checkDns1123Subdomain(v)).toMatch(/^must consist of lower-case alphanumerics, '-' or '\.'.*\(DNS-1123 subdomain/);
  });
  test('rejects 254 characters with the length', () => {
    expect(checkDns1123Subdomain('a'.repeat(254))).toBe('is 254 characters long; at most 253 are allowed (DNS-1123 subdomain)');
  });
  test('like the API server, does not limit the length of each dot-separated part', () => {
    expect(checkDns1123Subdomain(`${'a'.repeat(64)}.example.com`)).toBeUndefined();
  });
});

describe('checkQualifiedName', () => {
  test.each(['app', 'App_Name', 'app.kubernetes.io/name', 'example.com/team', 'a', 'x'.repeat(63), 'node-role.kubernetes.io/control-plane'])('accepts %s', v => {
    expect(checkQualifiedName(v)).toBeUndefined();
  });
  test('rejects two slashes', () => {
    expect(checkQualifiedName('a/b/c')).toBe('may contain at most one \'/\' (prefix/name, e.g. \'app.kubernetes.io/name\')');
  });
  test('rejects an empty prefix', () => {
    expect(checkQualifiedName('/name')).toBe('has an empty prefix before \'/\'');
  });
  test('rejects an upper-case prefix', () => {
    expect(checkQualifiedName('Example.com/name')).toMatch(/^has a prefix that must consist of lower-case alphanumerics/);
  });
  test('rejects an empty name', () => {
    expect(checkQualifiedName('example.com/')).toBe('has an empty name part');
    expect(checkQualifiedName('')).toBe('has an empty name part');
  });
  test('rejects a name part over 63 characters', () => {
    expect(checkQualifiedName(`example.com/${'x'.repeat(64)}`)).toBe('has a name part of 64 characters; at most 63 are allowed');
  });
  test.each(['-app', 'app-', 'my app', 'app!'])('rejects name %j', v => {
    expect(checkQualifiedName(v)).toMatch(/^must consist of alphanumerics, '-', '_' or '\.', and start and end with an alphanumeric/);
  });
});

describe('checkLabelValue', () => {
  test.each(['', 'linux', 'v1.2.3', 'A_b-c.d', 'x'.repeat(63)])('accepts %j', v => {
    expect(checkLabelValue(v)).toBeUndefined();
  });
  test.each(['-a', 'a-', 'a b', 'a/b', 'a:b'])('rejects %j', v => {
    expect(checkLabelValue(v)).toBe('must be empty or consist of alphanumerics, \'-\', \'_\' or \'.\', and start and end with an alphanumeric');
  });
  test('rejects 64 characters with the length', () => {
    expect(checkLabelValue('x'.repeat(64))).toBe('is 64 characters long; at most 63 are allowed');
  });
});

describe('checkEnvVarName', () => {
  test.each(['A', '_', 'TZ', 'log_level', 'NODE_NAME2', '_PRIVATE'])('accepts %s', v => {
    expect(checkEnvVarName(v)).toBeUndefined();
  });
  test.each(['', '1A', 'LOG-LEVEL', 'log.level', 'A B', 'Ä'])('rejects %j', v => {
    expect(checkEnvVarName(v)).toBe('must match [A-Za-z_][A-Za-z0-9_]* (letters, digits and \'_\', not starting with a digit)');
  });
});

describe('checkPortName', () => {
  test.each(['http', 'metrics', 'h2c', 'grpc-web', 'a'.repeat(15), '9100-metrics'])('accepts %s', v => {
    expect(checkPortName(v)).toBeUndefined();
  });
  test.each(['Metrics', 'http_port', '-http', 'http-', 'grpc--web', ''])('rejects %j', v => {
    expect(checkPortName(v)).toBe('must consist of lower-case alphanumerics or \'-\' (no \'--\'), and start and end with an alphanumeric');
  });
  test('rejects more than 15 characters', () => {
    expect(checkPortName('a'.repeat(16))).toBe('is 16 characters long; at most 15 are allowed');
  });
  test('rejects a name without letters', () => {
    expect(checkPortName('9100')).toBe('must contain at least one letter');
  });
});

describe('checkImageReference', () => {
  test.each([
    'busybox',
    'busybox:1.36',
    'fluent/fluent-bit:3.1.9',
    'quay.io/prometheus/node-exporter:v1.8.2',
    'registry.example.com:5000/team/agent:1.4.2',
    'localhost:5000/agent',
    'registry.example.com/agent:1.4.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'agent@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'my_org/my__agent:TAG_1.0',
    'Registry.Example.com/agent:1',
  ])('accepts %s', v => {
    expect(checkImageReference(v)).toBeUndefined();
  });
  test('rejects an empty reference', () => {
    expect(checkImageReference('')).toBe('is empty');
  });
  test.each(['agent 1.0', 'agent:1.0 ', '\tagent'])('rejects whitespace in %j', v => {
    expect(checkImageReference(v)).toBe('contains whitespace; an image reference is [registry[:port]/]path[:tag][@digest]');
  });
  test.each([
    ['Agent:1.0', /the repository path must be lower case,/],
    ['registry.example.com/Team/agent', /the repository path must be lower case,/],
    ['agent:', /the tag '' must be 1 to 128 letters/],
    ['agent:-1', /the tag '-1' must be 1 to 128 letters/],
    ['agent@sha256:xyz', /the digest after '@' must be algorithm:hex/],
    ['agent//x', /the repository path must be lower-case components/],
    ['-agent', /the repository path must be lower-case components/],
    ['nginx:1.2:3', /the tag '1.2:3' contains ':'/],
  ] as const)('rejects %j, naming what is wrong', (v, reason) => {
    expect(checkImageReference(v)).toMatch(/^is not a valid image reference: /);
    expect(checkImageReference(v)).toMatch(reason);
  });
  test('rejects a tag longer than 128 characters', () => {
    expect(checkImageReference(`agent:${'a'.repeat(129)}`)).toBeDefined();
    expect(checkImageReference(`agent:${'a'.repeat(128)}`)).toBeUndefined();
  });
});

describe('imageTag', () => {
  test.each([
    ['busybox', { digest: false, tag: undefined }],
    ['busybox:1.36', { digest: false, tag: '1.36' }],
    ['busybox:latest', { digest: false, tag: 'latest' }],
    ['localhost:5000/agent', { digest: false, tag: undefined }],
    ['localhost:5000/agent:2', { digest: false, tag: '2' }],
    ['agent:1@sha256:0123456789abcdef0123456789abcdef', { digest: true, tag: undefined }],
  ] as const)('%s', (image, expected) => {
    expect(imageTag(image)).toEqual(expected);
  });
});

describe('checkAbsolutePath', () => {
  test.each(['/', '/var/log', '/var/lib/docker/containers', '/etc/..hidden'])('accepts %s', v => {
    expect(checkAbsolutePath(v)).toBeUndefined();
  });
  test.each(['', 'var/log', './var', '~/logs'])('rejects relative %j', v => {
    expect(checkAbsolutePath(v)).toBe('must be an absolute path (start with \'/\')');
  });
  test.each(['/var/..', '/var/../etc', '/..'])('rejects %j with ..', v => {
    expect(checkAbsolutePath(v)).toBe('must not contain \'..\'');
  });
});

test('snapshot: the messages users read', () => {
  expect({
    dns1123Label: checkDns1123Label('Node_Agent'),
    dns1123Subdomain: checkDns1123Subdomain('Node_Agent'),
    qualifiedName: checkQualifiedName('a b'),
    labelValue: checkLabelValue('a b'),
    envVarName: checkEnvVarName('A-B'),
    portName: checkPortName('HTTP'),
    image: checkImageReference('Agent'),
    absolutePath: checkAbsolutePath('var/log'),
  }).toMatchSnapshot();
});

describe('checkLabel', () => {
  test('a valid label has no problems', () => {
    expect(checkLabel('app.kubernetes.io/name', 'agent')).toEqual({ key: undefined, value: undefined });
  });

  describe('rejects', () => {
    test('a bad key and a bad value, each reported', () => {
      const p = checkLabel('-bad', 'not ok');
      expect(p.key).toMatch(/alphanumeric/);
      expect(p.value).toMatch(/alphanumeric/);
    });

    test('a value that is not a string is the schema\'s to report', () => {
      expect(checkLabel('a', 5)).toEqual({ key: undefined, value: undefined });
    });
  });
});

describe('isPortNumber', () => {
  test('integers from 1 to 65535', () => {
    expect([1, 80, 65535].map(isPortNumber)).toEqual([true, true, true]);
  });

  describe('rejects', () => {
    test('0, 65536, fractions, strings and non-numbers', () => {
      expect([0, 65536, 1.5, '80', NaN, undefined].map(isPortNumber)).toEqual([false, false, false, false, false, false]);
    });
  });
});
