import * as ipaddr from 'ipaddr.js';
import { Cidr, cidrStrictlyContains, formatCidr, parseCidr } from '../model';
import { invalid, required, warning } from './field-error';
import { childPath, indexPath } from './field-path';
import { Finding } from './finding';
import { isAbsent, isObject, unknownFields, wrongType } from './shape';

/** An ipBlock peer, as the API server's ValidateIPBlock checks it, plus the host-bits lint. */

const IP_BLOCK_FIELDS = ['cidr', 'except'];
const CIDR_EXAMPLE = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/**
 * Why a CIDR text that does not parse is wrong. Leading zeros (`010.0.0.0/8`, `/08`) and
 * IPv4-mapped IPv6 addresses are rejected as the API server's strict IP validation rejects
 * them: tools disagree on whether `010` is octal, so the policy would not mean one thing.
 */
function cidrTextError(text: string): string | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefix = slash < 0 ? '' : text.slice(slash + 1);
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  const sloppyIpv4 = octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
  if (slash > 0 && /^0\d/.test(prefix) && parseCidr(text)) {
    return 'must not have leading 0s in IP or prefix length';
  }
  if (slash > 0 && sloppyIpv4 && octets.slice(1).some((octet) => /^0\d/.test(octet)) && /^\d{1,2}$/.test(prefix) && Number(prefix) <= 32) {
    return 'must not have leading 0s in IP or prefix length';
  }
  const cidr = parseCidr(text);
  if (!cidr) {
    return CIDR_EXAMPLE;
  }
  if (cidr.family === 6 && ipaddr.IPv6.parse(address).isIPv4MappedAddress()) {
    return 'must not have an IPv4-mapped IPv6 address';
  }
  return undefined;
}

/** Parses a CIDR field, returning its findings and the network when it is valid. */
function checkCidr(value: unknown, path: string): { findings: Finding[]; cidr?: Cidr } {
  if (typeof value !== 'string') {
    return { findings: [wrongType(path, value, 'a CIDR string such as "10.0.0.0/8"')] };
  }
  const error = cidrTextError(value);
  if (error) {
    return { findings: [invalid(path, value, error)] };
  }
  const cidr = parseCidr(value) as Cidr;
  if (!cidr.hostBitsSet) {
    return { findings: [], cidr };
  }
  const network = formatCidr(cidr);
  const single = `${value.slice(0, value.indexOf('/'))}/${cidr.family === 4 ? 32 : 128}`;
  return {
    findings: [
      warning(path, `${JSON.stringify(value)} has host bits set, so it means ${network}; write "${network}", or "${single}" for the single address`),
    ],
    cidr,
  };
}

/** Validates an untrusted ipBlock at `path` (e.g. `spec.egress[0].to[0].ipBlock`). */
export function validateIpBlock(value: unknown, path: string): Finding[] {
  if (!isObject(value)) {
    return [wrongType(path, value, 'an object with cidr and optional except')];
  }
  const cidrPath = childPath(path, 'cidr');
  if (isAbsent(value.cidr) || value.cidr === '') {
    return [required(cidrPath, 'a CIDR such as "10.0.0.0/8" or "2001:db8::/32"'), ...unknownFields(value, path, IP_BLOCK_FIELDS)];
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
  return findings;
}
