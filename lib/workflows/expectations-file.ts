import { promises as fs } from 'fs';
import * as path from 'path';
import type { PortProbe } from '../analysis';
import type { FieldPosition } from '../manifests';
import type { ClusterModel, Direction, Protocol } from '../model';
import type { ExpectationKind, ExpectationOutcome, ExpectationsReport } from '../report';
import { EndpointReferenceError, EndpointSet, endpointSelector, endpointSet } from './endpoint-reference';
import { ExpectationChecks, ResolvedExpectation, flowPairs } from './expectations';
import { YamlFileError, YamlFileProblem, readSchemaCheckedYaml } from './schema-checked-yaml';

/** The JSON Schema of an expectations file, shipped in the package for editors. */
export const EXPECTATIONS_SCHEMA_PATH = path.join(__dirname, '..', '..', 'schemas', 'netpol-expectations.schema.json');

/** An expectations file that cannot be read, does not follow its schema, or names what the inputs do not have. */
export class ExpectationsFileError extends YamlFileError {
  readonly code = 'INVALID_EXPECTATIONS';
  override readonly name = 'ExpectationsFileError';
}

/** The fields of an entry, as the schema allows them (schemas/netpol-expectations.schema.json). */
export interface ExpectationFields {
  readonly from?: string | readonly string[];
  readonly to?: string;
  readonly port?: number;
  readonly protocol?: Protocol;
  readonly pods?: string;
  readonly namespace?: string;
  readonly direction?: 'ingress' | 'egress' | 'both';
  readonly hasDefaultDeny?: 'ingress' | 'egress' | 'both';
  readonly except?: readonly string[];
  readonly name?: string;
}

/** One entry of an expectations file as written, with where it is. */
export interface ExpectationEntry {
  /** Its index in `expectations`. */
  readonly index: number;
  readonly kind: ExpectationKind;
  readonly fields: ExpectationFields;
  /** Where the entry starts. */
  readonly position: FieldPosition;
  /** The line of each field of the entry (`from`, `port`, ...), for errors. */
  readonly fieldLines: Readonly<Record<string, number>>;
}

/** An expectations file, read and valid per its schema. */
export interface ExpectationsFile {
  /** As netpol was given it. */
  readonly file: string;
  readonly entries: readonly ExpectationEntry[];
}

/** Reads the text of an expectations file; errors name the file, the line and the field path. */
export function readExpectationsFile(text: string, file: string): ExpectationsFile {
  const { value, positionOf, lineOf } = readSchemaCheckedYaml(text, { schemaPath: EXPECTATIONS_SCHEMA_PATH, fail: (problems) => new ExpectationsFileError(file, problems) });
  const raw = value as { expectations: Record<ExpectationKind, ExpectationFields>[] };
  const entries = raw.expectations.map((entry, index): ExpectationEntry => {
    const kind = Object.keys(entry)[0] as ExpectationKind;
    const fields = entry[kind];
    const at = `expectations[${index}]`;
    const fieldLines = Object.fromEntries(Object.keys(fields).map((field) => [field, lineOf(`${at}.${kind}.${field}`)]));
    return { index, kind, fields, position: positionOf(at), fieldLines };
  });
  return { file, entries };
}

/** Reads an expectations file from disk; one that cannot be read is an ExpectationsFileError too. */
export async function loadExpectationsFile(file: string): Promise<ExpectationsFile> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new ExpectationsFileError(file, [{ message: `cannot be read: ${(error as Error).message}` }]);
  }
  return readExpectationsFile(text, file);
}

function directionsOf(direction: 'ingress' | 'egress' | 'both' | undefined): Direction[] {
  return direction === 'ingress' ? ['ingress'] : direction === 'egress' ? ['egress'] : ['ingress', 'egress'];
}

function probeOf(fields: ExpectationFields): PortProbe | undefined {
  return fields.port === undefined ? undefined : { port: fields.port, protocol: fields.protocol ?? 'TCP' };
}

/** `on TCP/5432`, `on every port` (deny), `on any port`. */
function portWords(kind: ExpectationKind, probe: PortProbe | undefined): string {
  return probe ? `on ${probe.protocol}/${probe.port}` : kind === 'deny' ? 'on every port' : 'on any port';
}

/** An entry in words, for reports: `deny shop/web -> shop/postgres on every port`, led by its name when it has one. */
export function expectationTitle(entry: ExpectationEntry): string {
  const { kind, fields } = entry;
  const probe = probeOf(fields);
  const target = fields.pods ?? fields.namespace ?? 'every endpoint';
  const words = ((): string => {
    switch (kind) {
      case 'allow':
      case 'deny':
        return `${kind} ${fields.from as string} -> ${fields.to} ${portWords(kind, probe)}`;
      case 'only':
        return `only ${(fields.from as readonly string[]).join(', ') || 'nothing'} may reach ${fields.to} ${portWords(kind, probe)}`;
      case 'isolated':
        return `isolated ${target} for ${directionsOf(fields.direction).join(' and ')}`;
      case 'notExposed':
        return `notExposed ${target} ${portWords(kind, probe)}`;
      case 'everyNamespace': {
        const except = fields.except && fields.except.length > 0 ? ` except ${fields.except.join(', ')}` : '';
        return `everyNamespace hasDefaultDeny ${directionsOf(fields.hasDefaultDeny).join(' and ')}${except}`;
      }
    }
  })();
  return fields.name ? `${fields.name}: ${words}` : words;
}

/** Resolves the entries' references against the model; every problem of the file is thrown at once, each at its line. */
export function resolveExpectations(expectations: ExpectationsFile, model: ClusterModel): ResolvedExpectation[] {
  const problems: YamlFileProblem[] = [];
  const resolved = expectations.entries.flatMap((entry): ResolvedExpectation[] => {
    try {
      return [resolveEntry(entry, model)];
    } catch (error) {
      if (error instanceof EntryProblem) {
        problems.push({ line: entry.fieldLines[error.field] ?? entry.position.line, message: error.message });
        return [];
      }
      throw error;
    }
  });
  if (problems.length > 0) {
    throw new ExpectationsFileError(expectations.file, problems);
  }
  return resolved;
}

/** A field of an entry that names nothing usable. */
class EntryProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function fieldPath(entry: ExpectationEntry, field: string): string {
  return `expectations[${entry.index}].${entry.kind}.${field}`;
}

function resolveEntry(entry: ExpectationEntry, model: ClusterModel): ResolvedExpectation {
  const { kind, fields } = entry;
  const context = (field: string) => ({ field: fieldPath(entry, field), inputs: 'the inputs' });
  /** A reference that names nothing becomes a problem of its field. */
  const reading = <T>(field: string, read: () => T): T => {
    try {
      return read();
    } catch (error) {
      throw error instanceof EndpointReferenceError ? new EntryProblem(field, error.message) : error;
    }
  };
  /** `shown` names a list item (`from[1]`) in the message; the line is the field's. */
  const set = (field: string, value: string, shown = field): EndpointSet => reading(field, () => endpointSet(context(shown), value, model));
  const endpoints = (field: string, value: string): EndpointSet & { kind: 'endpoints' } => {
    const found = set(field, value);
    if (found.kind !== 'endpoints') {
      throw new EntryProblem(field, `${fieldPath(entry, field)}: ${JSON.stringify(value)} is outside the cluster; name endpoints here (*, a namespace, namespace/name or namespace/key=value)`);
    }
    return found;
  };
  const targets = (): EndpointSet & { kind: 'endpoints' } => {
    if (fields.pods !== undefined && fields.namespace !== undefined) {
      throw new EntryProblem('namespace', `${fieldPath(entry, 'namespace')}: give pods or namespace, not both`);
    }
    if (fields.namespace !== undefined) {
      const ids = model.endpoints.map((endpoint) => `${endpoint.namespace}/${endpoint.name}`).sort();
      if (fields.namespace.includes('/')) {
        throw new EntryProblem('namespace', `${fieldPath(entry, 'namespace')}: ${JSON.stringify(fields.namespace)} is not a namespace name; use pods for namespace/name`);
      }
      const selects = reading('namespace', () => endpointSelector(context('namespace'), fields.namespace as string, ids));
      return { kind: 'endpoints', label: fields.namespace, ids: ids.filter(selects) };
    }
    return endpoints('pods', fields.pods ?? '*');
  };
  switch (kind) {
    case 'allow':
    case 'deny': {
      const from = set('from', fields.from as string);
      const to = set('to', fields.to as string);
      if (from.kind === 'outside' && to.kind === 'outside') {
        throw new EntryProblem('from', `${fieldPath(entry, 'from')}: from and to are both outside the cluster: NetworkPolicies only judge traffic of endpoints`);
      }
      if (flowPairs(from, to).length === 0) {
        throw new EntryProblem('to', `${fieldPath(entry, 'to')}: names no flow: an endpoint to itself is not judged (policies cannot block it)`);
      }
      return { kind, from, to, probe: probeOf(fields) };
    }
    case 'only': {
      const to = endpoints('to', fields.to as string);
      const from = (fields.from as readonly string[]).flatMap((value, index) => {
        const found = set('from', value, `from[${index}]`);
        if (found.kind !== 'endpoints') {
          throw new EntryProblem('from', `${fieldPath(entry, 'from')}[${index}]: ${JSON.stringify(value)} is outside the cluster; only lists endpoints, and no address outside the cluster may reach the destination (use allow and deny entries for outside sources)`);
        }
        return found.ids;
      });
      return { kind, to, from: [...new Set(from)], probe: probeOf(fields) };
    }
    case 'isolated':
      return { kind, pods: targets(), directions: directionsOf(fields.direction) };
    case 'notExposed':
      return { kind, pods: targets(), probe: probeOf(fields) };
    case 'everyNamespace':
      return { kind, directions: directionsOf(fields.hasDefaultDeny), except: fields.except ?? [] };
  }
}

/** The verdict on every entry of the file over the model; references that name nothing throw ExpectationsFileError first. */
export function checkExpectations(expectations: ExpectationsFile, model: ClusterModel, checks: ExpectationChecks = new ExpectationChecks(model)): ExpectationsReport {
  const resolved = resolveExpectations(expectations, model);
  const outcomes = expectations.entries.map(
    (entry, index): ExpectationOutcome => ({
      index: entry.index,
      kind: entry.kind,
      title: expectationTitle(entry),
      line: entry.position.line,
      column: entry.position.column,
      ...checks.evaluate(resolved[index]),
    }),
  );
  return { file: expectations.file, outcomes };
}
