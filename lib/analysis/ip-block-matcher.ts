import { Cidr, IpAddress, IpBlock, cidrContainsIp, formatCidr, parseCidr } from '../model';

/** A compiled ipBlock: an address matches when it is in `cidr` and in none of `except`. */
export interface IpBlockMatcher {
  /** Canonical text (masked networks, sorted excepts); equal for blocks that match the same. */
  readonly key: string;
  matches(ip: IpAddress): boolean;
}

function parseValidCidr(text: string, where: string): Cidr {
  const cidr = parseCidr(text);
  if (!cidr) {
    throw new Error(`${where}: ${JSON.stringify(text)} is not a CIDR such as 10.0.0.0/8 (validate policies before analysing them)`);
  }
  return cidr;
}

/** `where` names the policy for the error raised on an unparsable CIDR. */
export function compileIpBlock(block: IpBlock, where: string): IpBlockMatcher {
  const cidr = parseValidCidr(block.cidr, where);
  const except = (block.except ?? []).map((text) => parseValidCidr(text, where));
  const exceptKeys = [...new Set(except.map(formatCidr))].sort();
  return {
    key: exceptKeys.length === 0 ? formatCidr(cidr) : `${formatCidr(cidr)} except ${exceptKeys.join(',')}`,
    matches: (ip) => cidrContainsIp(cidr, ip) && !except.some((hole) => cidrContainsIp(hole, ip)),
  };
}
