import { JsonObject, isAbsent } from '../validate';
import { FieldReader } from './field-reader';
import { describeValue } from './manifest-error';
import { apiGroup } from '../model';

/** The owner reference of an object with `controller: true`. */
export interface ControllerRef {
  /** `group/Kind`. */
  readonly type: string;
  readonly kind: string;
  readonly name: string;
}

/**
 * Reads `metadata.ownerReferences` and returns the one with `controller: true` (the API
 * server allows one), of any kind. A reference of the wrong shape fails the reader, naming
 * the field, so the object is reported and left out like any other invalid object.
 */
export function readControllerReference(reader: FieldReader, metadata: JsonObject | undefined): ControllerRef | undefined {
  const controllers = reader.list(metadata?.ownerReferences, 'metadata.ownerReferences').flatMap((value, index) => {
    const path = `metadata.ownerReferences[${index}]`;
    const reference = reader.mapping(value, path);
    if (!isAbsent(reference.controller) && typeof reference.controller !== 'boolean') {
      reader.fail(`${path}.controller`, `must be true or false, got ${describeValue(reference.controller)}`);
    }
    if (reference.controller !== true) {
      return [];
    }
    const apiVersion = reader.optionalString(reference.apiVersion, `${path}.apiVersion`) || reader.fail(`${path}.apiVersion`, 'required');
    const kind = reader.optionalString(reference.kind, `${path}.kind`) || reader.fail(`${path}.kind`, 'required');
    const name = reader.optionalString(reference.name, `${path}.name`) || reader.fail(`${path}.name`, 'required');
    return [{ type: `${apiGroup(apiVersion)}/${kind}`, kind, name }];
  });
  if (controllers.length > 1) {
    reader.fail('metadata.ownerReferences', 'only one reference can have controller set to true');
  }
  return controllers[0];
}
