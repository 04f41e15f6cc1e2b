/**
 * Address ranges that are never "the internet": RFC 1918 (10/8, 172.16/12, 192.168/16),
 * IPv4 link-local with the cloud metadata address 169.254.169.254, shared CGNAT space
 * (100.64/10), IPv6 unique-local (fc00::/7) and link-local (fe80::/10).
 */
export const PRIVATE_RANGES: readonly string[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '169.254.0.0/16',
  '100.64.0.0/10',
  'fc00::/7',
  'fe80::/10',
];
