import { MAX_PORT, MIN_PORT, ObservedEnd, PROTOCOLS, Protocol, parseCidr, parseIp } from '../model';
import { FieldError, JsonObject, field } from './json-field';
import type { Observation } from './observation';

/**
 * The plain flow format, for flow logs of other CNIs and cloud VPC logs: per flow `from`, `to`,
 * `port`, `protocol` and an optional `count` (default 1), as JSON lines
 * (`{"from": "shop/web", "to": "shop/api", "port": 8080, "protocol": "TCP", "count": 12}`) or as
 * CSV with a header line naming the columns (`from,to,port,protocol,count`, in any order).
 * `from` and `to` are `namespace/workload`, an IP address or a CIDR.
 */

/** The plain format's fields, required first. */
const REQUIRED = ['from', 'to', 'port', 'protocol'] as const;
export const PLAIN_COLUMNS: readonly string[] = [...REQUIRED, 'count'];

/** Whether a decoded JSON line is in the plain format. */
export function isPlainLine(line: JsonObject): boolean {
  return typeof line.from === 'string' || typeof line.to === 'string';
}

/** One flow of the plain format from its fields as text or JSON values. */
export function decodePlainFlow(values: Readonly<Record<string, unknown>>): Observation {
  for (const name of REQUIRED) {
    if (field(values, [name]) === undefined || values[name] === '') {
      throw new FieldError(`${name}: missing; a plain flow has ${REQUIRED.join(', ')} and an optional count`);
    }
  }
  const unknown = Object.keys(values).filter((name) => !PLAIN_COLUMNS.includes(name));
  if (unknown.length > 0) {
    throw new FieldError(`${unknown[0]}: not a field of the plain format; valid are ${PLAIN_COLUMNS.join(', ')}`);
  }
  const port = integer(values.port, 'port');
  if (port < MIN_PORT || port > MAX_PORT) {
    throw new FieldError(`port: ${port} is not a port (${MIN_PORT}-${MAX_PORT})`);
  }
  const count = values.count === undefined || values.count === '' ? 1 : integer(values.count, 'count');
  if (count < 1) {
    throw new FieldError(`count: ${count}: a count is at least 1`);
  }
  return {
    kind: 'flow',
    flow: {
      from: plainEnd(values.from, 'from'),
      to: plainEnd(values.to, 'to'),
      port,
      protocol: protocol(values.protocol),
      // A line of the plain format is a flow by definition, never a reply.
      reply: false,
      verdict: 'unknown',
      count,
      destinationNames: [],
    },
  };
}

function integer(value: unknown, name: string): number {
  const number = typeof value === 'string' && /^[0-9]+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) {
    throw new FieldError(`${name}: expected a whole number, got ${JSON.stringify(value)}`);
  }
  return number;
}

function protocol(value: unknown): Protocol {
  const upper = typeof value === 'string' ? value.trim().toUpperCase() : undefined;
  const found = PROTOCOLS.find((candidate) => candidate === upper);
  if (!found) {
    throw new FieldError(`protocol: expected one of ${PROTOCOLS.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return found;
}

/** `namespace/workload`, an IP address or a CIDR. */
function plainEnd(value: unknown, name: string): ObservedEnd {
  const text = typeof value === 'string' ? value.trim() : undefined;
  if (text !== undefined) {
    if (parseIp(text)) {
      return { kind: 'address', ip: text };
    }
    if (parseCidr(text)) {
      return { kind: 'network', cidr: text };
    }
    const parts = text.split('/');
    if (parts.length === 2 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(parts[0]) && parts[1] !== '') {
      return { kind: 'workload', namespace: parts[0], name: parts[1] };
    }
  }
  throw new FieldError(`${name}: ${JSON.stringify(value)} is neither namespace/workload, an IP address nor a CIDR`);
}

/** The column names of a CSV header line; throws FieldError when it is not the plain format's. */
export function csvHeader(line: string): string[] {
  const columns = csvFields(line).map((column) => column.toLowerCase());
  const missing = REQUIRED.filter((name) => !columns.includes(name));
  const unknown = columns.filter((name) => !PLAIN_COLUMNS.includes(name));
  if (missing.length > 0 || unknown.length > 0) {
    throw new FieldError(
      `not a flow file: a CSV header naming ${PLAIN_COLUMNS.join(', ')} (count optional) or JSON lines were expected, got ${JSON.stringify(line.slice(0, 120))}`,
    );
  }
  return columns;
}

/** One CSV line's fields: split at commas, each trimmed and unquoted (the format's values hold no commas). */
export function csvFields(line: string): string[] {
  return line.split(',').map((value) => value.trim().replace(/^"(.*)"$/, '$1'));
}

/** A CSV data line as the plain format's fields. */
export function csvRecord(columns: readonly string[], line: string): Record<string, string> {
  const values = csvFields(line);
  if (values.length !== columns.length) {
    throw new FieldError(`expected ${columns.length} comma-separated values (${columns.join(',')}), got ${values.length}`);
  }
  return Object.fromEntries(columns.map((column, index) => [column, values[index]]));
}
