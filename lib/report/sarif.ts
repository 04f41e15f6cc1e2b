import * as path from 'path';
import type { FieldPosition } from '../manifests';
import type { Acknowledgement } from '../validate';
import { terminalJson } from './escape';

/**
 * SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for any kind of result:
 * each result kind (validate's findings, and later test expectations, diff and audit gates)
 * turns its results into SarifResultInput and its rules into SarifRuleInput, and this file
 * writes the log. GitHub code scanning reads it (upload-sarif), annotating the lines.
 */

export const SARIF_VERSION = '2.1.0';
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF's levels; `note` is for results that inform and never fail. */
export type SarifLevel = 'error' | 'warning' | 'note';

/** A rule as SARIF's reportingDescriptor: id, one-line description, full help, default level. */
export interface SarifRuleInput {
  /** The stable rule id, e.g. `api-port`. */
  readonly id: string;
  /** One sentence: SARIF's shortDescription. */
  readonly summary: string;
  /** Its defaultConfiguration.level. */
  readonly level: SarifLevel;
  /** The rule's documentation as Markdown (GitHub shows it next to the alert). @default none */
  readonly helpMarkdown?: string;
  /** An absolute URI of the rule's page. @default none */
  readonly helpUri?: string;
}

/** One result, located in a file (relative to the working directory) at a line where known. */
export interface SarifResultInput {
  /** The id of a rule of the run. */
  readonly ruleId: string;
  /** How bad this result is. */
  readonly level: SarifLevel;
  /** The text shown at the location. */
  readonly message: string;
  /** The file, as the tool was given it; `-` or empty for none. @default none */
  readonly file?: string;
  /** @default none: the whole file */
  readonly position?: FieldPosition;
  /** Where the object starts, written as a related location. @default none */
  readonly objectPosition?: FieldPosition;
  /** The object it is about, e.g. `NetworkPolicy shop/web`. @default none */
  readonly object?: string;
  /** The field path inside the object, e.g. `spec.ingress[0].ports[0].port`. @default none */
  readonly fieldPath?: string;
  /** Accepted on purpose: written as a suppression. @default not acknowledged */
  readonly acknowledged?: Acknowledgement;
  /**
   * Other places the result involves (the other policies of a flow), written as related
   * locations after the object's start.
   * @default none
   */
  readonly related?: readonly SarifRelatedInput[];
}

/** A place a result involves besides its own location. */
export interface SarifRelatedInput {
  /** The file, as the tool was given it; `-` or empty ones are left out. */
  readonly file: string;
  /** @default none: the whole file */
  readonly position?: FieldPosition;
  /** What the place has to do with the result. */
  readonly message: string;
}

/** What the log says about the tool that wrote it. */
export interface SarifToolInput {
  /** tool.driver.name, e.g. `netpol`. */
  readonly name: string;
  /** The tool's version. */
  readonly version: string;
  /** An absolute URI of the tool's documentation. @default none */
  readonly informationUri?: string;
}

/** A file path as a relative URI with forward slashes; absolute paths are made relative to `cwd`. */
function artifactUri(file: string, cwd: string): string {
  const relative = path.isAbsolute(file) ? path.relative(cwd, file) : file;
  return relative
    .split(path.sep)
    .join('/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function region(position: FieldPosition): Record<string, number> {
  return { startLine: position.line, startColumn: position.column };
}

/** The object's start (for a result whose own position is a field inside it), then the other places it involves. */
function relatedLocations(result: SarifResultInput, cwd: string): Record<string, unknown>[] | undefined {
  const { file, object, objectPosition } = result;
  const places: SarifRelatedInput[] = [
    ...(file && object && objectPosition ? [{ file, position: objectPosition, message: object }] : []),
    ...(result.related ?? []),
  ].filter((place) => place.file !== '' && place.file !== '-');
  if (places.length === 0) {
    return undefined;
  }
  return places.map((place, id) => ({
    id,
    physicalLocation: { artifactLocation: { uri: artifactUri(place.file, cwd) }, ...(place.position ? { region: region(place.position) } : {}) },
    message: { text: place.message },
  }));
}

function location(result: SarifResultInput, cwd: string): Record<string, unknown> | undefined {
  const logical = result.object ? [{ fullyQualifiedName: result.fieldPath ? `${result.object}: ${result.fieldPath}` : result.object, kind: 'object' }] : undefined;
  const hasFile = result.file !== undefined && result.file !== '' && result.file !== '-';
  if (!hasFile && !logical) {
    return undefined;
  }
  return {
    ...(hasFile
      ? {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(result.file as string, cwd) },
            ...(result.position ? { region: region(result.position) } : {}),
          },
        }
      : {}),
    ...(logical ? { logicalLocations: logical } : {}),
  };
}

/**
 * The SARIF log of one run. Rules are those given (list the ones the results use, or all);
 * each result names its rule by id and index. An acknowledged result carries a suppression:
 * `inSource` for an annotation on the object, `external` for a config file entry.
 */
export function renderSarif(tool: SarifToolInput, rules: readonly SarifRuleInput[], results: readonly SarifResultInput[], cwd: string = process.cwd()): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: tool.name,
            version: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.summary },
              ...(rule.helpMarkdown ? { help: { text: rule.helpMarkdown, markdown: rule.helpMarkdown } } : {}),
              ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
              defaultConfiguration: { level: rule.level },
            })),
          },
        },
        // Artifact URIs are relative to the working directory, which in a pipeline is the checkout
        // root that code scanning resolves them against; no absolute base is written, so the log
        // is the same on every machine. Columns count UTF-16 code units, as the YAML reader does.
        columnKind: 'utf16CodeUnits',
        results: results.map((result) => {
          const where = location(result, cwd);
          const related = relatedLocations(result, cwd);
          return {
            ruleId: result.ruleId,
            ...(ruleIndex.has(result.ruleId) ? { ruleIndex: ruleIndex.get(result.ruleId) } : {}),
            level: result.level,
            message: { text: result.message },
            ...(where ? { locations: [where] } : {}),
            ...(related ? { relatedLocations: related } : {}),
            ...(result.acknowledged
              ? {
                  suppressions: [
                    {
                      kind: result.acknowledged.by === 'annotation' ? 'inSource' : 'external',
                      status: 'accepted',
                      justification: result.acknowledged.reason,
                      location: { message: { text: result.acknowledged.where } },
                    },
                  ],
                }
              : {}),
          };
        }),
      },
    ],
  };
  return `${terminalJson(JSON.stringify(log, null, 2))}\n`;
}
