import * as ipaddr from 'ipaddr.js';
import { addressBits, Cidr, cidrStrictlyContains, formatCidr, hasLeadingZeros, parseCidr } from '../model';
import { invalid, required, warning } from './field-error';
import { childPath, indexPath } from './field-path';
import { FieldError, Finding, inRule } from './finding';
import { isAbsent, isObject, unknownFields, wrongType } from './shape';

/** An ipBlock peer, as the API server's ValidateIPBlock checks it, plus the host-bits lint. */

const RULE = 'api-ip-block';
const IP_BLOCK_FIELDS = ['cidr', 'except'];
const CIDR_EXAMPLE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/**
 * Texts the API server accepts (its legacy parser) but newer servers with strict IP
 * validation reject, and whose meaning differs between tools: warn, say what it means here.
 */
function ambiguousCidrWarning(text: string, cidr: Cidr, path: string): Finding | undefined {
  if (hasLeadingZeros(text)) {
    return warning(path, `${JSON.stringify(text)} has leading zeros, read as decimal (${formatCidr(cidr)}); some tools read them as octal and API servers with strict IP validation reject them`, 'cidr-notation');
  }
  if (cidr.family === 6 && ipaddr.IPv6.parse(text.slice(0, text.indexOf('/'))).isIPv4MappedAddress()) {
    return warning(path, `${JSON.stringify(text)} is an IPv4-mapped IPv6 address: it does not match IPv4 pod addresses here, network plugins differ, and API servers with strict IP validation reject it`, 'cidr-notation');
  }
  return undefined;
}

/** Parses a CIDR field, returning its findings and the network when it is valid. */
function checkCidr(value: unknown, path: string): { findings: FieldError[]; cidr?: Cidr } {
  if (typeof value !== 'string') {
    return { findings: [wrongType(path, value, 'a CIDR string such as "10.0.0.0/8"')] };
  }
  const cidr = parseCidr(value);
  if (!cidr) {
    return { findings: [invalid(path, value, CIDR_EXAMPLE)] };
  }
  const findings: FieldError[] = [];
  const ambiguous = ambiguousCidrWarning(value, cidr, path);
  if (ambiguous) {
    findings.push(ambiguous);
  }
  if (cidr.hostBitsSet) {
    const network = formatCidr(cidr);
    const single = `${value.slice(0, value.indexOf('/'))}/${addressBits(cidr.family)}`;
    findings.push(warning(path, `${JSON.stringify(value)} has host bits set, so it means ${network}; write "${network}", or "${single}" for the single address`, 'cidr-host-bits'));
  }
  return { findings, cidr };
}

/** Validates an untrusted ipBlock at `path` (e.g. `spec.egress[0].to[0].ipBlock`). */
export function validateIpBlock(value: unknown, path: string): Finding[] {
  if (!isObject(value)) {
    return inRule(RULE, [wrongType(path, value, 'an object with cidr and optional except')]);
  }
  const cidrPath = childPath(path, 'cidr');
  if (isAbsent(value.cidr) || value.cidr === '') {
    return inRule(RULE, [required(cidrPath, 'a CIDR such as "10.0.0.0/8" or "2001:db8::/32"'), ...unknownFields(value, path, IP_BLOCK_FIELDS)]);
  }
  const { findings, cidr } = checkCidr(value.cidr, cidrPath);
  const exceptPath = childPath(path, 'except');
  const except = value.except;
  if (cidr && Array.isArray(except)) {
    except.forEach((item, i) => {
      const itemPath = indexPath(exceptPath, i);
      const checked = checkCidr(item ?? '', itemPath);
      findings.push(...checked.findings);
      if (checked.cidr && !cidrStrictlyContains(cidr, checked.cidr)) {
        findings.push(invalid(itemPath, item, `must be a strict subset of \`cidr\` (${JSON.stringify(value.cidr)})`));
      }
    });
  } else if (!isAbsent(except) && !Array.isArray(except)) {
    findings.push(wrongType(exceptPath, except, 'a list of CIDR strings inside `cidr`'));
  }
  findings.push(...unknownFields(value, path, IP_BLOCK_FIELDS));
  return inRule(RULE, findings);
}
