import { resolvePlainScalar } from '../../lib/manifests/plain-scalar';

/**
 * What go-yaml v2 (sigs.k8s.io/yaml/goyaml.v2/resolve.go, which kubectl decodes with) makes
 * of an untagged plain scalar decoded into interface{}, read from its resolve function and
 * Go's strconv rules.
 */
describe('resolvePlainScalar types plain scalars as go-yaml v2 does', () => {
  test.each([
    ['y', true],
    ['Y', true],
    ['yes', true],
    ['Yes', true],
    ['YES', true],
    ['on', true],
    ['ON', true],
    ['True', true],
    ['n', false],
    ['No', false],
    ['off', false],
    ['OFF', false],
    ['FALSE', false],
    ['', null],
    ['~', null],
    ['null', null],
    ['NULL', null],
  ])('YAML 1.1 boolean or null %j', (text, value) => {
    expect(resolvePlainScalar(text)).toBe(value);
  });

  test.each(['yES', 'oN', 'tRUE', 'nULL', 'Nil', 'none', 'o', 'yess'])('mixed case and near misses stay strings: %j', (text) => {
    expect(resolvePlainScalar(text)).toBe(text);
  });

  test.each([
    ['0755', 0o755],
    ['0o17', 15],
    ['0O17', 15],
    ['0x1f', 31],
    ['0X1F', 31],
    ['-0x1f', -31],
    ['0b101', 5],
    ['-0b101', -5],
    ['1_000', 1000],
    ['0x_1F', 31],
    ['+1', 1],
    ['0', 0],
    ['00', 0],
    ['9223372036854775807', 9223372036854775807],
    ['18446744073709551615', 18446744073709551615],
  ])('integer %j (ParseInt with base 0 after dropping _)', (text, value) => {
    expect(resolvePlainScalar(text)).toBe(value);
  });

  test('-0 is the integer 0, not a negative zero float; -0.0 is a float', () => {
    expect(Object.is(resolvePlainScalar('-0'), 0)).toBe(true);
    expect(Object.is(resolvePlainScalar('-0.0'), -0)).toBe(true);
  });

  test.each([
    ['1e3', 1000],
    ['1.5', 1.5],
    ['1.', 1],
    ['.5', 0.5],
    ['+.5', 0.5],
    ['-.5e1', -5],
    ['1_0.5', 10.5],
    ['1e1_0', 1e10],
    // Not octal (8 is no octal digit): ParseInt fails, yamlStyleFloat reads it as decimal.
    ['08', 8],
    ['09.5', 9.5],
    ['-9223372036854775809', -9223372036854775809],
  ])('float %j', (text, value) => {
    expect(resolvePlainScalar(text)).toBe(value);
  });

  test('.inf, .nan and their spellings', () => {
    expect(resolvePlainScalar('.inf')).toBe(Infinity);
    expect(resolvePlainScalar('+.INF')).toBe(Infinity);
    expect(resolvePlainScalar('-.Inf')).toBe(-Infinity);
    expect(resolvePlainScalar('.NaN')).toBeNaN();
  });

  test('an unsigned hexadecimal beyond 64 bits is a (big) number', () => {
    expect(resolvePlainScalar('0x10000000000000000')).toBe(2 ** 64);
  });

  test.each([
    // go-yaml v2 purposely has no sexagesimal numbers.
    '12:30:00',
    '1:30',
    // Timestamps reach Kubernetes as strings.
    '2001-12-14',
    '2001-12-14t21:59:43.10-05:00',
    // Float overflow is a ParseFloat error, so a string.
    '1e400',
    '.5e400',
    // yamlStyleFloat keeps Go's own float spellings out.
    '+inf',
    '-Infinity',
    '0x1p3',
    '+.nan',
    '.iNf',
    // Underscores are dropped only after a sign or digit; not in a float starting with a dot.
    '._5',
    '_1',
    // A signed or negative literal beyond 64 bits that is not decimal.
    '-0x10000000000000000',
    '+0x10000000000000000',
    '0x',
    '0b2',
    '1e',
    '.',
    '-',
    '+',
    '1.2.3',
    '0o8',
    '<<',
    'app-0000',
  ])('%j stays a string', (text) => {
    expect(resolvePlainScalar(text)).toBe(text);
  });
});
