import { FieldPositions, STDIN_PATH, readInput } from '../manifests';
import { AdminTierPolicy, ClusterModel, SourceRef, endpointId } from '../model';
import type { ManifestLocation } from '../report';

/** Each file's field positions, read once; standard input and files that no longer read have none. */
export class FilePositions {
  private readonly files = new Map<string, Promise<FieldPositions | undefined>>();

  /** The positions of `file`, or undefined. */
  of(file: string): Promise<FieldPositions | undefined> {
    if (file === '' || file === STDIN_PATH) {
      return Promise.resolve(undefined);
    }
    let found = this.files.get(file);
    if (!found) {
      found = readInput(file).then(
        (text) => new FieldPositions(text),
        () => undefined,
      );
      this.files.set(file, found);
    }
    return found;
  }
}

/** A place of the model before its positions are read: the object's source, its label, the field and why. */
export interface ModelPlace {
  readonly source: SourceRef;
  readonly object: string;
  readonly fieldPath: string;
  readonly note: string;
}

/**
 * Finds the objects of one model (policies by `namespace/name`, admin-tier policies by kind
 * and name, endpoints by id) in the files they came from, for reports that point at lines.
 */
export class ManifestLocator {
  private readonly policies: Map<string, SourceRef | undefined>;
  private readonly tierPolicies: Map<string, SourceRef | undefined>;
  private readonly endpoints: Map<string, { kind: string; source?: SourceRef }>;

  constructor(
    model: ClusterModel,
    private readonly positions: FilePositions = new FilePositions(),
  ) {
    this.policies = new Map(model.policies.map(({ policy, source }) => [`${policy.metadata.namespace}/${policy.metadata.name}`, source]));
    this.tierPolicies = new Map((model.adminTierPolicies ?? []).map(({ policy, source }) => [`${policy.kind}/${policy.metadata.name}`, source]));
    this.endpoints = new Map(model.endpoints.map((endpoint) => [endpointId(endpoint), endpoint]));
  }

  /** The NetworkPolicy `namespace/name` at `fieldPath`. */
  policy(id: string, fieldPath: string, note: string): ModelPlace | undefined {
    const source = this.policies.get(id);
    return source ? { source, object: `NetworkPolicy ${id}`, fieldPath, note } : undefined;
  }

  /** The admin-tier policy of `kind` named `name` at `fieldPath`. */
  tierPolicy(kind: AdminTierPolicy['kind'], name: string, fieldPath: string, note: string): ModelPlace | undefined {
    const source = this.tierPolicies.get(`${kind}/${name}`);
    return source ? { source, object: `${kind} ${name}`, fieldPath, note } : undefined;
  }

  /** The object an endpoint was read from (a workload or a pod). */
  endpoint(id: string, note: string): ModelPlace | undefined {
    const endpoint = this.endpoints.get(id);
    return endpoint?.source ? { source: endpoint.source, object: `${endpoint.kind} ${id}`, fieldPath: '', note } : undefined;
  }

  /** The places with the line and column of their field and object, where the file tells them. */
  async locate(places: readonly ModelPlace[]): Promise<ManifestLocation[]> {
    return Promise.all(
      places.map(async ({ source, object, fieldPath, note }) => {
        const positions = source.documentIndex === undefined ? undefined : await this.positions.of(source.file);
        const position = positions?.find(source.documentIndex!, fieldPath);
        const objectPosition = positions?.find(source.documentIndex!, '');
        return { file: source.file, object, fieldPath, note, ...(position ? { position } : {}), ...(objectPosition ? { objectPosition } : {}) };
      }),
    );
  }
}
