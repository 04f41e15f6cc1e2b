import { Finding, ObjectFinding } from '../validate';
import { ManifestObject } from './manifest-object';

/** A finding about one manifest object, located by file and identified by kind and name. */
export interface ManifestFinding extends Finding {
  /** The file the object came from (`-` for standard input); empty for an object no file declares. */
  readonly file: string;
  readonly documentIndex?: number;
  readonly kind: string;
  /** Undefined for cluster-scoped objects (Namespace). */
  readonly namespace?: string;
  /** Empty when the object has no name. */
  readonly name: string;
}

/** A finding placed on the object it is about. */
export function findingAbout(object: ManifestObject, finding: Finding): ManifestFinding {
  const { file, documentIndex } = object.source;
  return { ...finding, file, documentIndex, kind: object.kind, namespace: object.namespace, name: object.name };
}

/** An estate-lint finding (from lib/validate) located by the source it carries. */
export function fromObjectFinding(finding: ObjectFinding): ManifestFinding {
  const { source, namespace, ...rest } = finding;
  return {
    ...rest,
    file: source?.file ?? '',
    documentIndex: source?.documentIndex,
    // Lint writes '' for cluster-scoped objects; here that is no namespace.
    namespace: namespace === '' ? undefined : namespace,
  };
}
