import { PolicyEntry, SourceRef, compareText } from '../model';
import { Finding } from './finding';

/** A finding about one object of an estate: which object, and where it was read from. */
export interface ObjectFinding extends Finding {
  /** The object's kind, e.g. `NetworkPolicy`. */
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly source?: SourceRef;
}

/** A finding about a policy of the model. */
export function policyFinding(entry: PolicyEntry, finding: Finding): ObjectFinding {
  const { metadata } = entry.policy;
  return {
    ...finding,
    kind: 'NetworkPolicy',
    namespace: metadata.namespace ?? '',
    name: metadata.name,
    ...(entry.source ? { source: entry.source } : {}),
  };
}

/** Orders findings by namespace, name, kind, source, path, then message: stable across runs. */
export function compareObjectFindings(a: ObjectFinding, b: ObjectFinding): number {
  return (
    compareText(a.namespace, b.namespace) ||
    compareText(a.name, b.name) ||
    compareText(a.kind, b.kind) ||
    compareText(a.source?.file ?? '', b.source?.file ?? '') ||
    (a.source?.documentIndex ?? -1) - (b.source?.documentIndex ?? -1) ||
    compareText(a.path, b.path) ||
    compareText(a.message, b.message)
  );
}

/** Where an object came from, for messages: `file` or `file#2`. */
export function describeSource(source: SourceRef | undefined): string {
  if (!source) {
    return 'an unnamed source';
  }
  return source.documentIndex === undefined ? source.file : `${source.file}#${source.documentIndex}`;
}
