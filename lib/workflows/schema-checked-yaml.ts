import { readFileSync } from 'fs';
import type { ErrorObject } from 'ajv';
import { FieldPosition, positionInDocument } from '../manifests';

/** One problem of a YAML file checked against its JSON Schema: the line (where there is one) and what is wrong, starting with the field path. */
export interface YamlFileProblem {
  readonly line?: number;
  readonly message: string;
}

/** The problems as one message: `file:line: message`, one per line when there are several. */
export function yamlFileProblemsText(file: string, problems: readonly YamlFileProblem[]): string {
  const text = (problem: YamlFileProblem): string => (problem.line === undefined ? `${file}: ${problem.message}` : `${file}:${problem.line}: ${problem.message}`);
  return problems.length === 1 ? text(problems[0]) : `${file}: ${problems.length} problems:\n${problems.map((problem) => `  ${text(problem)}`).join('\n')}`;
}

/** A YAML file that cannot be read or does not follow its schema; each kind of file names its own code. The message names file, line and field. */
export abstract class YamlFileError extends Error {
  abstract readonly code: string;

  constructor(
    readonly file: string,
    readonly problems: readonly YamlFileProblem[],
  ) {
    super(yamlFileProblemsText(file, problems));
  }
}

/** A YAML file, read and valid per its schema: its value, and the line each field is written on. */
export interface SchemaCheckedYaml {
  readonly value: unknown;
  /** Where a field path (`expectations[2].allow.port`) is written, or the deepest part of it the file writes; line 1, column 1 for an empty file. */
  positionOf(fieldPath: string): FieldPosition;
  /** The line of positionOf. */
  lineOf(fieldPath: string): number;
}

/** How one kind of file is checked. */
export interface SchemaCheckOptions {
  /** The JSON Schema (draft-07) file. */
  readonly schemaPath: string;
  /** The error to throw with the problems found (it names the file). */
  readonly fail: (problems: readonly YamlFileProblem[]) => Error;
  /**
   * What a failed `pattern` means at an ajv instance path (`/acknowledge/0/expires`), for someone editing the file.
   * @default 'must not be empty'
   */
  readonly patternMeaning?: (instancePath: string) => string | undefined;
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

/** What an ajv error means for someone editing the file: the field it is about, where to point, and what is wrong. */
function describe(error: ErrorObject, options: SchemaCheckOptions): { path: string; at: string; message: string } {
  const at = fieldPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: fieldPath(error.instancePath, String(params.missingProperty)), at, message: 'required' };
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      return { path: fieldPath(error.instancePath, field), at: fieldPath(error.instancePath, field), message: `unknown field; valid fields here are ${validFields(error)}` };
    }
    case 'dependencies': {
      const field = fieldPath(error.instancePath, String(params.property));
      return { path: field, at: field, message: `needs ${String(params.missingProperty)} too` };
    }
    case 'minProperties':
    case 'maxProperties':
      return { path: at, at, message: Number(params.limit) === 1 ? `must have exactly one of the fields ${validFields(error)}` : error.message ?? 'invalid' };
    case 'enum':
      return { path: at, at, message: `must be one of: ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'pattern':
      return { path: at, at, message: options.patternMeaning?.(error.instancePath) ?? 'must not be empty' };
    default:
      return { path: at, at, message: error.message ?? 'invalid' };
  }
}

/** The fields the object's schema names, as the API server's errors list them: `"from", "ports"`. */
function validFields(error: ErrorObject): string {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  return Object.keys(properties)
    .map((name) => JSON.stringify(name))
    .join(', ');
}

type Validator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Compiled schemas by file: each is compiled once per process. */
const validators = new Map<string, Validator>();

function schemaValidator(schemaPath: string): Validator {
  let validate = validators.get(schemaPath);
  if (!validate) {
    const Ajv = (require('ajv') as typeof import('ajv')).default;
    validate = new Ajv({ allErrors: true, verbose: true }).compile(JSON.parse(readFileSync(schemaPath, 'utf8'))) as Validator;
    validators.set(schemaPath, validate);
  }
  return validate;
}

/**
 * Reads one YAML document (empty: `{}`) and checks it against its JSON Schema with ajv; each
 * problem (YAML syntax, several documents, a schema violation) names its line and field path,
 * and all of them are thrown at once through `options.fail`.
 */
export function readSchemaCheckedYaml(text: string, options: SchemaCheckOptions): SchemaCheckedYaml {
  const yaml = require('yaml') as typeof import('yaml');
  const lines = new yaml.LineCounter();
  const documents = yaml.parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true });
  const list = Array.isArray(documents) ? documents : [];
  const syntax = list
    .flatMap((document) => document.errors)
    .map((error): YamlFileProblem => ({ line: error.linePos?.[0].line, message: `not valid YAML: ${error.message.split('\n')[0]}` }));
  if (syntax.length > 0) {
    throw options.fail(syntax);
  }
  if (list.length > 1) {
    throw options.fail([{ line: lines.linePos(list[1].range[0]).line, message: `one YAML document expected, found ${list.length}` }]);
  }
  const document = list[0];
  const value: unknown = document?.toJS() ?? {};
  const positionOf = (fieldAt: string): FieldPosition => (document ? positionInDocument(document, document.contents, fieldAt, lines) : undefined) ?? { line: 1, column: 1 };
  const lineOf = (fieldAt: string): number => positionOf(fieldAt).line;
  const validate = schemaValidator(options.schemaPath);
  if (!validate(value)) {
    // allErrors may report one problem twice (through two schema branches): keep each once.
    const problems = new Map<string, YamlFileProblem>();
    for (const error of validate.errors ?? []) {
      const { path: where, at, message } = describe(error, options);
      const problem = { line: lineOf(at), message: `${where || '(top level)'}: ${message}` };
      problems.set(`${problem.line}\u0000${problem.message}`, problem);
    }
    throw options.fail([...problems.values()]);
  }
  return { value, positionOf, lineOf };
}
