import picomatch from 'picomatch';
import { ManifestFinding, ManifestObject } from '../manifests';
import type { ReviewedFinding } from '../report';
import { ACKNOWLEDGE_ANNOTATION, ACKNOWLEDGE_REASON_ANNOTATION, Acknowledgement, readAcknowledgeAnnotation, RuleId } from '../validate';
import { AcknowledgementMatch, ConfigAcknowledgement, NetpolConfig } from './netpol-config';

/** What reviewFindings needs besides the findings. */
export interface ReviewOptions {
  /**
   * The config file's acknowledgements.
   * @default none
   */
  readonly config?: NetpolConfig;
  /** Today as YYYY-MM-DD: acknowledgements that expired before it no longer hold. */
  readonly today: string;
}

/** The findings with their acknowledgements, and the config entries that matched none. */
export interface ReviewedFindings {
  readonly findings: ReviewedFinding[];
  readonly unusedAcknowledgements: ConfigAcknowledgement[];
}

function objectKey(file: string, documentIndex: number | undefined): string {
  return `${file}\u0000${documentIndex ?? ''}`;
}

function metadataOf(object: ManifestObject): Record<string, unknown> {
  const metadata = object.raw.metadata;
  return typeof metadata === 'object' && metadata !== null ? (metadata as Record<string, unknown>) : {};
}

/** A config entry's match as one test: every field it names must match, as a whole-string glob. */
function matcher(match: AcknowledgementMatch): (finding: ManifestFinding) => boolean {
  const tests = (['kind', 'namespace', 'name', 'file'] as const)
    .filter((field) => match[field] !== undefined)
    .map((field) => {
      const test = picomatch(match[field] as string, { dot: true });
      return (finding: ManifestFinding): boolean => {
        const value = finding[field];
        return value !== undefined && value !== '' && test(value);
      };
    });
  return (finding) => tests.every((test) => test(finding));
}

/**
 * Marks the findings that are acknowledged: by ACKNOWLEDGE_ANNOTATION on their object, or by
 * an entry of the config file for their rule whose match covers the object and that has not
 * expired (`expires` is the last day it holds). A finding whose only acknowledgements expired
 * counts again and carries the expired one. An annotation entry that names no acknowledgeable
 * rule is a finding of its own (invalid-acknowledgement), placed on the annotation.
 */
export function reviewFindings(findings: readonly ManifestFinding[], objects: readonly ManifestObject[], options: ReviewOptions): ReviewedFindings {
  const annotated = new Map<string, { rules: ReadonlySet<RuleId>; acknowledgement: Acknowledgement }>();
  const invalid: ManifestFinding[] = [];
  for (const object of objects) {
    const annotations = metadataOf(object).annotations;
    const read = readAcknowledgeAnnotation(annotations);
    if (!read) {
      continue;
    }
    const reason = (annotations as Record<string, unknown>)[ACKNOWLEDGE_REASON_ANNOTATION];
    annotated.set(objectKey(object.source.file, object.source.documentIndex), {
      rules: new Set(read.rules),
      acknowledgement: {
        by: 'annotation',
        reason: typeof reason === 'string' && reason.trim() !== '' ? reason.trim() : `annotation ${ACKNOWLEDGE_ANNOTATION}`,
        where: `metadata.annotations.${ACKNOWLEDGE_ANNOTATION}`,
      },
    });
    for (const entry of read.invalid) {
      invalid.push({
        severity: 'warning',
        rule: 'invalid-acknowledgement',
        path: 'metadata.annotations',
        message: `${ACKNOWLEDGE_ANNOTATION}: ${JSON.stringify(entry)} is not a rule id that can be acknowledged; see docs/rules/ (rules of what the API server refuses cannot be)`,
        file: object.source.file,
        documentIndex: object.source.documentIndex,
        kind: object.kind,
        namespace: object.namespace,
        name: object.name,
      });
    }
  }
  const entries = (options.config?.acknowledgements ?? []).map((entry) => ({ entry, matches: matcher(entry.match), used: false }));
  const reviewed = [...findings, ...invalid].map((finding): ReviewedFinding => {
    const byAnnotation = annotated.get(objectKey(finding.file, finding.documentIndex));
    if (byAnnotation?.rules.has(finding.rule)) {
      return { ...finding, acknowledged: byAnnotation.acknowledgement };
    }
    let expired: Acknowledgement | undefined;
    for (const candidate of entries) {
      if (candidate.entry.rule !== finding.rule || !candidate.matches(finding)) {
        continue;
      }
      candidate.used = true;
      const { reason, expires, where } = candidate.entry;
      const acknowledgement: Acknowledgement = { by: 'config', reason, where, ...(expires ? { expires } : {}) };
      if (expires === undefined || expires >= options.today) {
        return { ...finding, acknowledged: acknowledgement };
      }
      expired = expired ?? acknowledgement;
    }
    return expired ? { ...finding, expiredAcknowledgement: expired } : finding;
  });
  return { findings: reviewed, unusedAcknowledgements: entries.filter((candidate) => !candidate.used).map((candidate) => candidate.entry) };
}

/** The findings that count: those not acknowledged. */
export function outstandingFindings<T extends ReviewedFinding>(findings: readonly T[]): T[] {
  return findings.filter((finding) => !finding.acknowledged);
}

/** Today in UTC as YYYY-MM-DD, the form of `expires`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
