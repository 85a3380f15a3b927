import { colorEnabled, Palette } from '../../../src/cli/output/color';

describe('colorEnabled', () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };

  test('on a terminal, not in a pipe', () => {
    expect(colorEnabled({}, tty)).toBe(true);
    expect(colorEnabled({}, pipe)).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
  });

  test('NO_COLOR (present and not empty) turns it off; TERM=dumb too', () => {
    expect(colorEnabled({ NO_COLOR: '1' }, tty)).toBe(false);
    expect(colorEnabled({ NO_COLOR: '' }, tty)).toBe(true);
    expect(colorEnabled({ TERM: 'dumb' }, tty)).toBe(false);
  });

  test('FORCE_COLOR forces it, even in a pipe and over NO_COLOR (as Node.js decides); 0 or false turns it off', () => {
    expect(colorEnabled({ FORCE_COLOR: '1' }, pipe)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '' }, pipe)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '3', NO_COLOR: '1' }, pipe)).toBe(true);
    expect(colorEnabled({ FORCE_COLOR: '0' }, tty)).toBe(false);
    expect(colorEnabled({ FORCE_COLOR: 'false' }, tty)).toBe(false);
  });
});

test('Palette: ANSI styles when enabled, the text itself when not (and never around nothing)', () => {
  const on = new Palette(true);
  expect([on.bold('a'), on.dim('a'), on.red('a'), on.yellow('a'), on.cyan('a'), on.red('')])
    .toEqual(['\x1b[1ma\x1b[22m', '\x1b[2ma\x1b[22m', '\x1b[31ma\x1b[39m', '\x1b[33ma\x1b[39m', '\x1b[36ma\x1b[39m', '']);
  const off = new Palette(false);
  expect([off.bold('a'), off.red('a')]).toEqual(['a', 'a']);
});
