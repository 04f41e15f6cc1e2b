import Ajv from 'ajv';
import { readFileSync } from 'fs';
import { CNI_NAMES, RULE_IDS, isAcknowledgeable } from '../../lib/validate';
import { NETPOL_CONFIG_SCHEMA_PATH, NetpolConfigError, readNetpolConfig } from '../../lib/workflows';

const schema = JSON.parse(readFileSync(NETPOL_CONFIG_SCHEMA_PATH, 'utf8'));

function problems(text: string): string {
  try {
    readNetpolConfig(text, '.netpol.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(NetpolConfigError);
    expect((error as NetpolConfigError).code).toBe('INVALID_NETPOL_CONFIG');
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('the JSON Schema of .netpol.yaml', () => {
  test('is a valid draft-07 schema (ajv in strict mode compiles it)', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  test('lists exactly the CNI profiles and the acknowledgeable rule ids', () => {
    expect(schema.properties.cni.enum).toEqual([...CNI_NAMES]);
    expect(schema.definitions.acknowledgement.properties.rule.enum).toEqual(RULE_IDS.filter(isAcknowledgeable));
  });

  test('accepts a full example and refuses a missing reason, an unknown field and a bad date form', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const entry = { rule: 'blocked-dns', match: { kind: 'NetworkPolicy', namespace: 'shop', name: 'default-*', file: 'dist/**' }, reason: 'node-local DNS', expires: '2027-01-31' };
    expect(validate({ cni: 'calico', acknowledge: [entry] })).toBe(true);
    expect(validate({ acknowledge: [{ rule: 'blocked-dns' }] })).toBe(false);
    expect(validate({ acknowledge: [{ ...entry, reasons: 'x' }] })).toBe(false);
    expect(validate({ acknowledge: [{ ...entry, expires: '31.01.2027' }] })).toBe(false);
    expect(validate({ acknowledge: [{ ...entry, reason: '  ' }] })).toBe(false);
    expect(validate({ cni: 'flanel' })).toBe(false);
  });
});

describe('readNetpolConfig', () => {
  test('reads cni and acknowledgements, each with the line it is written on', () => {
    const config = readNetpolConfig('# settings\ncni: cilium\nacknowledge:\n  - rule: blocked-dns\n    reason: " node-local DNS "\n    expires: 2027-01-31\n', 'ci/.netpol.yaml');
    expect(config).toEqual({
      file: 'ci/.netpol.yaml',
      cni: 'cilium',
      acknowledgements: [{ rule: 'blocked-dns', match: {}, reason: 'node-local DNS', expires: '2027-01-31', where: 'ci/.netpol.yaml:4' }],
    });
  });

  test('an empty file is an empty config', () => {
    expect(readNetpolConfig('', '.netpol.yaml')).toEqual({ file: '.netpol.yaml', acknowledgements: [] });
  });

  test('errors name the file, the line and the field path, and what is valid', () => {
    expect(problems('acknowledge:\n  - rule: blocked-dns\n    reason: x\n    match: { namespace: shop, nmae: web }\n')).toBe(
      '.netpol.yaml:4: acknowledge[0].match.nmae: unknown field; valid fields here are "kind", "namespace", "name", "file"',
    );
    expect(problems('cni: flanel\n')).toBe(`.netpol.yaml:1: cni: must be one of: ${CNI_NAMES.join(', ')}`);
    expect(problems('acknowledge:\n  - rule: blocked-dns\n    reason: x\n    expires: 2027-02-30\n')).toBe('.netpol.yaml:4: acknowledge[0].expires: "2027-02-30" is not a calendar day');
    expect(problems('acknowledge:\n  - rule: blocked-dns\n    reason: x\n    expires: 1/2/2027\n')).toBe('.netpol.yaml:4: acknowledge[0].expires: must be a date written YYYY-MM-DD');
    expect(problems('acknowledge: {rule: x}\n')).toBe('.netpol.yaml:1: acknowledge: must be array');
  });

  test('YAML syntax errors, duplicate keys and several documents are refused with their line', () => {
    expect(problems('cni: calico\ncni: cilium\n')).toMatch(/^\.netpol\.yaml:2: not valid YAML: Map keys must be unique/);
    expect(problems('acknowledge: [\n')).toMatch(/^\.netpol\.yaml:\d+: not valid YAML: /);
    expect(problems('cni: calico\n---\ncni: cilium\n')).toBe('.netpol.yaml:2: one YAML document expected, found 2');
  });
});
