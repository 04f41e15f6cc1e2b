import * as ipaddr from 'ipaddr.js';

/** An IP network parsed the way Go's net.ParseCIDR (and so the API server) parses it. */
export interface Cidr {
  readonly family: 4 | 6;
  /** The network address with host bits cleared, as an integer. */
  readonly network: bigint;
  /** The last address of the network, as an integer. */
  readonly last: bigint;
  readonly prefix: number;
  /** True when the text had host bits set (`10.1.2.3/8`): accepted, but means `10.0.0.0/8`. */
  readonly hostBitsSet: boolean;
}

/** A single IP address as an integer with its family. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/** The bits of an address of the family: 32 or 128, also the prefix of a single address. */
export function addressBits(family: 4 | 6): number {
  return family === 4 ? 32 : 128;
}

function toBigInt(bytes: number[]): bigint {
  let value = 0n;
  for (const byte of bytes) {
    value = (value << 8n) | BigInt(byte);
  }
  return value;
}

/**
 * Parses a bare IP address the way the API server's legacy ("sloppy") parser does:
 * dotted-quad IPv4 whose parts may carry leading zeros, read as decimal (`010.0.0.1` is
 * 10.0.0.1), or IPv6 without a zone. Returns undefined for anything else (hex or long IPv4
 * forms, zones, prefixes).
 */
export function parseIp(text: string): IpAddress | undefined {
  if (typeof text !== 'string') {
    return undefined;
  }
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const octets = text.split('.').map(Number);
    return octets.every((octet) => octet <= 255) ? { family: 4, value: toBigInt(octets) } : undefined;
  }
  if (text.includes(':') && !text.includes('%') && ipaddr.IPv6.isValid(text)) {
    return { family: 6, value: toBigInt(ipaddr.IPv6.parse(text).toByteArray()) };
  }
  return undefined;
}

/**
 * Parses `address/prefix`. A bare IP (no prefix) is not a CIDR, as in Go.
 * Returns undefined when the text does not parse.
 */
export function parseCidr(text: string): Cidr | undefined {
  if (typeof text !== 'string') {
    return undefined;
  }
  const slash = text.indexOf('/');
  if (slash < 0 || slash !== text.lastIndexOf('/')) {
    return undefined;
  }
  const address = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!address || !/^[0-9]{1,3}$/.test(prefixText)) {
    return undefined;
  }
  const prefix = Number(prefixText);
  const bits = addressBits(address.family);
  if (prefix > bits) {
    return undefined;
  }
  const hostBits = BigInt(bits - prefix);
  const hostMask = (1n << hostBits) - 1n;
  const network = address.value & ~hostMask;
  return {
    family: address.family,
    network,
    last: network | hostMask,
    prefix,
    hostBitsSet: network !== address.value,
  };
}

/** True when an IPv4 part or the prefix length is written with a leading zero (`010.0.0.0/08`). */
export function hasLeadingZeros(text: string): boolean {
  return /(^|[./])0\d/.test(text) && !text.includes(':');
}

/** The canonical text of a network (`10.0.0.0/8`), host bits cleared. */
export function formatCidr(cidr: Cidr): string {
  const bytes: number[] = [];
  let value = cidr.network;
  for (let i = 0; i < addressBits(cidr.family) / 8; i++) {
    bytes.unshift(Number(value & 0xffn));
    value >>= 8n;
  }
  const address = ipaddr.fromByteArray(bytes);
  return `${address.toString()}/${cidr.prefix}`;
}

/** True when `inner` lies inside `outer` (same family; equal counts as inside). */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.network <= inner.network && inner.last <= outer.last;
}

/** True when `inner` lies inside `outer` and is smaller: what an ipBlock `except` must be. */
export function cidrStrictlyContains(outer: Cidr, inner: Cidr): boolean {
  return cidrContains(outer, inner) && inner.prefix > outer.prefix;
}

/** True when the address lies in the network. */
export function cidrContainsIp(cidr: Cidr, ip: IpAddress): boolean {
  return cidr.family === ip.family && cidr.network <= ip.value && ip.value <= cidr.last;
}
