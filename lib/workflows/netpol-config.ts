import { promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import type { ErrorObject } from 'ajv';
import { positionInDocument } from '../manifests';
import { CniName, RuleId } from '../validate';

/** The file `netpol` reads from the current directory when no `--config` names one. */
export const NETPOL_CONFIG_FILE = '.netpol.yaml';

/** The JSON Schema of NETPOL_CONFIG_FILE, shipped in the package for editors. */
export const NETPOL_CONFIG_SCHEMA_PATH = path.join(__dirname, '..', '..', 'schemas', 'netpol-config.schema.json');

/** Which objects an acknowledgement covers: globs on each field, every field optional. */
export interface AcknowledgementMatch {
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly file?: string;
}

/** One entry of `acknowledge` in the config file. */
export interface ConfigAcknowledgement {
  readonly rule: RuleId;
  readonly match: AcknowledgementMatch;
  readonly reason: string;
  /** YYYY-MM-DD, the last day it holds. */
  readonly expires?: string;
  /** `file:line` of the entry, for messages. */
  readonly where: string;
}

/** The config file, read and checked. */
export interface NetpolConfig {
  readonly file: string;
  readonly cni?: CniName;
  readonly acknowledgements: readonly ConfigAcknowledgement[];
}

/** One problem of a config file: the line (where there is one) and what is wrong, starting with the field path. */
export interface ConfigProblem {
  readonly line?: number;
  readonly message: string;
}

function problemText(file: string, problem: ConfigProblem): string {
  return problem.line === undefined ? `${file}: ${problem.message}` : `${file}:${problem.line}: ${problem.message}`;
}

/** A config file that cannot be read or does not follow its schema; the message names file, line and field. */
export class NetpolConfigError extends Error {
  readonly code = 'INVALID_NETPOL_CONFIG';

  constructor(
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(
      problems.length === 1
        ? problemText(file, problems[0])
        : `${file}: ${problems.length} problems:\n${problems.map((problem) => `  ${problemText(file, problem)}`).join('\n')}`,
    );
    this.name = 'NetpolConfigError';
  }
}

/** An ajv instance path (`/acknowledge/0/reason`) as a field path (`acknowledge[0].reason`). */
function fieldPath(pointer: string, extra?: string): string {
  const steps = pointer
    .split('/')
    .slice(1)
    .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) {
    steps.push(extra);
  }
  return steps.reduce((text, step) => (/^\d+$/.test(step) ? `${text}[${step}]` : text === '' ? step : `${text}.${step}`), '');
}

/** What an ajv error means for someone editing the file. */
function describe(error: ErrorObject): { path: string; at: string; message: string } {
  const at = fieldPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: fieldPath(error.instancePath, String(params.missingProperty)), at, message: 'required' };
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      return { path: fieldPath(error.instancePath, field), at: fieldPath(error.instancePath, field), message: 'unknown field' };
    }
    case 'enum':
      return { path: at, at, message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'pattern':
      return { path: at, at, message: error.instancePath.endsWith('/expires') ? 'must be a date written YYYY-MM-DD' : 'must not be empty' };
    default:
      return { path: at, at, message: error.message ?? 'invalid' };
  }
}

/** A real calendar day written YYYY-MM-DD (the schema checks the form only). */
function isCalendarDay(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

let validateSchema: ((value: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;

function schemaValidator(): NonNullable<typeof validateSchema> {
  if (!validateSchema) {
    const Ajv = (require('ajv') as typeof import('ajv')).default;
    const schema = JSON.parse(readFileSync(NETPOL_CONFIG_SCHEMA_PATH, 'utf8'));
    validateSchema = new Ajv({ allErrors: true }).compile(schema);
  }
  return validateSchema;
}

interface RawConfig {
  cni?: CniName;
  acknowledge?: { rule: RuleId; match?: AcknowledgementMatch; reason: string; expires?: string }[];
}

/** Reads the text of a config file; errors name the file, the line and the field path. */
export function readNetpolConfig(text: string, file: string): NetpolConfig {
  const yaml = require('yaml') as typeof import('yaml');
  const lines = new yaml.LineCounter();
  const documents = yaml.parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [];
  const syntax = list
    .flatMap((document) => document.errors)
    .map((error): ConfigProblem => ({ line: error.linePos?.[0].line, message: `not valid YAML: ${error.message.split('\n')[0]}` }));
  if (syntax.length > 0) {
    throw new NetpolConfigError(file, syntax);
  }
  if (list.length > 1) {
    throw new NetpolConfigError(file, [{ line: lines.linePos(list[1].range[0]).line, message: `one YAML document expected, found ${list.length}` }]);
  }
  const document = list[0];
  const value: unknown = document?.toJS() ?? {};
  const lineOf = (fieldAt: string): number => (document ? positionInDocument(document, document.contents, fieldAt, lines)?.line ?? 1 : 1);
  const validate = schemaValidator();
  if (!validate(value)) {
    // allErrors may report one problem twice (through two schema branches): keep each once.
    const problems = new Map<string, ConfigProblem>();
    for (const error of validate.errors ?? []) {
      const { path: where, at, message } = describe(error);
      const problem = { line: lineOf(at), message: `${where || '(top level)'}: ${message}` };
      problems.set(`${problem.line}\u0000${problem.message}`, problem);
    }
    throw new NetpolConfigError(file, [...problems.values()]);
  }
  const raw = value as RawConfig;
  const problems: ConfigProblem[] = [];
  const acknowledgements = (raw.acknowledge ?? []).map((entry, index): ConfigAcknowledgement => {
    const at = `acknowledge[${index}]`;
    if (entry.expires !== undefined && !isCalendarDay(entry.expires)) {
      problems.push({ line: lineOf(`${at}.expires`), message: `${at}.expires: ${JSON.stringify(entry.expires)} is not a calendar day` });
    }
    return { rule: entry.rule, match: entry.match ?? {}, reason: entry.reason.trim(), expires: entry.expires, where: `${file}:${lineOf(at)}` };
  });
  if (problems.length > 0) {
    throw new NetpolConfigError(file, problems);
  }
  return { file, ...(raw.cni ? { cni: raw.cni } : {}), acknowledgements };
}

/**
 * The config file: `configFile` when given (it must exist), else NETPOL_CONFIG_FILE in `cwd`
 * when there is one, else undefined.
 */
export async function loadNetpolConfig(configFile: string | undefined, cwd: string): Promise<NetpolConfig | undefined> {
  const file = configFile ?? path.join(cwd, NETPOL_CONFIG_FILE);
  const shown = configFile ?? NETPOL_CONFIG_FILE;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (configFile === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw new NetpolConfigError(shown, [{ message: `cannot be read: ${(error as Error).message}` }]);
  }
  return readNetpolConfig(text, shown);
}
