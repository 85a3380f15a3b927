/**
 * Strings a YAML emitter can get wrong, grouped by why: each must come out of the native emitter exactly as
 * cdk8s's `Yaml.stringify` writes it (or be left to `yaml`). Shared by the hand-list test and the property test.
 */

/** Words and forms YAML 1.1 reads as null, booleans, numbers or timestamps (so they need quotes as strings). */
export const IMPLICIT_TYPES: readonly string[] = [
  '', '~', 'null', 'Null', 'NULL', 'nULL', 'nil', 'None',
  'y', 'Y', 'yes', 'Yes', 'YES', 'yEs', 'n', 'N', 'no', 'No', 'NO', 'nO',
  'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'oN', 'off', 'Off', 'OFF',
  '0', '-0', '+0', '00', '007', '08', '09', '0777', '1', '-1', '+1', '+-1', '1_000', '1__0', '_1', '1_', '12345678901234567890',
  '0x1F', '0X1F', '0x', '0xg', '-0x1f', '0x_1', '0o7', '0o', '0b101', '0B101', '0b', '0b2', '-0b1',
  '1e3', '1E3', '1e+3', '1e-3', '-1e-3', '1.5e3', '.5e3', '1.e3', 'e3', '1e', '1e3.5', '1_0e1',
  '.5', '5.', '0.5', '-0.5', '+.5', '.', '-.', '+.', '._', '1.2.3', '1.2', '1._5', '3.14159',
  '.inf', '-.inf', '+.inf', '.Inf', '.INF', '.iNf', 'inf', 'Infinity', '-Infinity',
  '.nan', '.NaN', '.NAN', '-.nan', 'nan', 'NaN',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '2001-12-14T21:59:43Z', '2001-12-14T21:59:43.1234Z',
  '2001-12-14 21:59:43 +05:30', '2001-1-1', '01-12-14', '2001-12-14T21:59', '2001-12-14T', '20011-12-14', '2001-12-14 ', '2001-12-14\t1:2:3',
  '1:30', '1:30.5', '-1:30', '190:20:30', '1:60', '1:5', '12:5', '1:2:3:4', '1:', ':1', 'a:1', '10:00', '1_0:30',
  '<<', '<<a', '<', '=', '!!str', '!!int 1',
];

/** Strings whose characters (not meaning) keep them from being plain: indicators, blanks, `: `, ` #`. */
export const INDICATORS: readonly string[] = [
  '-', '--', '---', '---a', '--- a', '...', '....', '...a', '-a', '- a', '-\ta', '-1a', '--a',
  '?', '??', '?a', '? a', '?\ta', ':', '::', ':a', ': a', 'a:', 'a::', 'a:b', 'a: b', 'a :b', 'a:\tb', 'http://x', 'C:\\dir',
  '#', '#a', 'a#', 'a#b', 'a #b', 'a\t#b', '&a', 'a&', '*a', 'a*', '!a', 'a!', '|', '|a', 'a|', '>', '>a', 'a>',
  "'", "'a'", "a'", '"', '"a"', 'a"', '%', '%a', 'a%', '@', '@a', 'a@b', '`', '`a', 'a`',
  ',', ',a', 'a,b', 'a,', '[', '[]', '[a]', ']', '{', '{}', '{a: 1}', '}', 'a[b]', 'a{b}',
  ' ', '  ', ' a', 'a ', ' a ', '\ta', 'a\t', 'a\tb', '\t', ' \t',
  "it's", 'say "hi"', 'both \' "', "''", '""', '\'"', '\\', 'a\\b', '\\n', '\\"',
];

/** Multi-line strings: block literals, chomping, indentation indicators, and the shapes `yaml` quotes instead. */
export const MULTI_LINE: readonly string[] = [
  'a\nb', 'a\nb\n', 'a\n\n', 'a\n\n\n', 'a\nb\n\n', 'a\n\nb', 'a\n\n\nb\n', 'a\n \nb', 'a\n  \n\nb',
  '\na', '\n', '\n\n', '\na\n', ' \na', '  \n a',
  ' a\nb', '  a\n b', ' a\n', '   indented\nnot', '\ta\nb', ' \ta\nb', 'a\n b', 'a\n  b\n   c\n',
  'a \nb', 'a\t\nb', 'a\n ', 'a\n\t', 'a\n \n', 'a \n', 'a\t\n', 'a \n\n', 'a\n\n ', ' \n', '\t\n', ' ',
  '# comment\nline', 'key: value\nother: 1\n', '- a\n- b', '---\nx', 'x\n---\ny', 'x\n...\n', '...\n', '%YAML 1.1\n---\n',
  '|\nx', '>\nx', '"a"\n\'b\'', 'a: b\n', 'yes\nno', '1\n2\n3', 'a\u2028b\nc', 'a\u00a0\nb', 'é\n😀\n',
  'a\r\nb', 'a\rb\n', 'a\u0085b\n', 'a\u0000\nb', 'a\tb\nc\td',
  '[server]\n  port = 8080\n  host = "0.0.0.0"\n\n[log]\nlevel = info\n',
  '#!/bin/sh\nset -eu\nexec "$@"\n',
  `${'x'.repeat(150)}\n${'y'.repeat(150)}\n`,
];

/** Control characters, line and paragraph separators, byte-order marks, non-BMP and unpaired surrogates. */
export const UNICODE: readonly string[] = [
  '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u000d', '\u001b', '\u001f', 'a\u0000b', '\u007f', '\u0080', '\u0085',
  '\u009f', '\u00a0', 'a\u00a0', '\u00a0a', '\u2028', '\u2029', 'a\u2028b', '\ufeff', '\ufeffa', 'a\ufeff', '\ufffe', '\uffff',
  '\ud800', '\udc00', 'a\ud800b', '\udc00\ud800', '\ud83d', '😀', 'a😀b', '\u{10ffff}', '\u{1f600}x', 'é', 'e\u0301', 'ß', '中文',
  'עברית', '\u200b', '\u200d', '\u3000', '\u3000a', 'a\u3000', 'Ω≈ç√', '"\u0001"', "'\u0001", 'it\'s "\u0085"', '\\\u0007',
];

/** Long strings: cdk8s turns folding off (`lineWidth: 0`), and keys longer than 1,024 characters become explicit. */
export const LONG: readonly string[] = [
  'a'.repeat(200), 'word '.repeat(60).trim(), `${'a'.repeat(100)} #${'b'.repeat(100)}`, '"'.repeat(300), `${'x'.repeat(90)}: y`,
  'k'.repeat(1022), 'k'.repeat(1023), 'k'.repeat(1024), 'k'.repeat(1025), `"${'k'.repeat(1021)}`, `"${'k'.repeat(1022)}`,
  '\u0001'.repeat(300),
];

/** Every tricky string above. */
export const TRICKY_STRINGS: readonly string[] = [...IMPLICIT_TYPES, ...INDICATORS, ...MULTI_LINE, ...UNICODE, ...LONG];
