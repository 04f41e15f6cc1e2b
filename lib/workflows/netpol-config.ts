import { promises as fs } from 'fs';
import * as path from 'path';
import { CniName, RuleId } from '../validate';
import { YamlFileError, YamlFileProblem, readSchemaCheckedYaml } from './schema-checked-yaml';

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
export type ConfigProblem = YamlFileProblem;

/** A config file that cannot be read or does not follow its schema; the message names file, line and field. */
export class NetpolConfigError extends YamlFileError {
  readonly code = 'INVALID_NETPOL_CONFIG';
  override readonly name = 'NetpolConfigError';
}

/** A real calendar day written YYYY-MM-DD (the schema checks the form only). */
function isCalendarDay(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

interface RawConfig {
  cni?: CniName;
  acknowledge?: { rule: RuleId; match?: AcknowledgementMatch; reason: string; expires?: string }[];
}

/** Reads the text of a config file; errors name the file, the line and the field path. */
export function readNetpolConfig(text: string, file: string): NetpolConfig {
  const { value, lineOf } = readSchemaCheckedYaml(text, {
    schemaPath: NETPOL_CONFIG_SCHEMA_PATH,
    fail: (problems) => new NetpolConfigError(file, problems),
    patternMeaning: (instancePath) => (instancePath.endsWith('/expires') ? 'must be a date written YYYY-MM-DD' : undefined),
  });
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
