import { CrdChannel } from '../model';
import { duplicate, invalid, notSupported, required, tooLong, tooMany, warning } from './field-error';
import { childPath, indexPath } from './field-path';
import { FieldError, Finding, inRule } from './finding';
import { validateLabelSelector } from './label-selector';
import { JsonObject, isAbsent, isObject, unknownFields } from './shape';

/**
 * A CRD's structural schema as data, checked the way the API server checks a custom resource:
 * kube-openapi's schema validator (k8s.io/kube-openapi/pkg/validation) turned into field errors
 * by apiextensions-apiserver (pkg/apiserver/validation/validation.go,
 * kubeOpenAPIResultToFieldErrors), then the x-kubernetes-validations (CEL) rules. The messages
 * are theirs: `Too many: 26: must have at most 25 items`, `Unsupported value: "X": supported
 * values: ...`, `Invalid value: -1: spec.priority in body should be greater than or equal to 0`,
 * and a failed CEL rule reads `Invalid value: "object": <the rule's message>`.
 */

/** One x-kubernetes-validations rule: its CEL text (for the record), message and evaluation. */
export interface CelRule {
  /** The rule exactly as the CRD writes it. */
  readonly rule: string;
  readonly message: string;
  /** The rule evaluated on a value that already passed the schema: true when it holds. */
  readonly holds: (self: JsonObject | string) => boolean;
  /** Present only in this channel's CRD. @default both channels */
  readonly channel?: CrdChannel;
}

/** Something the API server accepts but the API's own documentation rules out: a warning. */
export interface DocumentedRule {
  /** Where the documentation says it (file and field). */
  readonly source: string;
  /** What is wrong with the value (already of the schema's type), or undefined when fine. */
  readonly check: (self: JsonObject | string | number) => string | undefined;
}

interface SchemaBase {
  readonly rules?: readonly CelRule[];
  readonly documented?: readonly DocumentedRule[];
  /** A field of the experimental channel only: unknown to the standard CRD. */
  readonly experimental?: boolean;
}

export interface ObjectSchema extends SchemaBase {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, CrdSchema>>;
  readonly required?: readonly string[];
  readonly minProperties?: number;
  readonly maxProperties?: number;
}

export interface ArraySchema extends SchemaBase {
  readonly type: 'array';
  readonly items: CrdSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** `x-kubernetes-list-type: set`: items must be unique. */
  readonly set?: boolean;
}

export interface StringSchema extends SchemaBase {
  readonly type: 'string';
  readonly enum?: readonly string[];
  readonly maxLength?: number;
  /** The pattern as the CRD writes it (ECMA syntax, which is also how it is reported). */
  readonly pattern?: string;
}

export interface IntegerSchema extends SchemaBase {
  readonly type: 'integer';
  readonly minimum?: number;
  readonly maximum?: number;
}

/** metav1.LabelSelector: its schema plus apimachinery's selector validation. */
export interface LabelSelectorSchema extends SchemaBase {
  readonly type: 'labelSelector';
}

export type CrdSchema = ObjectSchema | ArraySchema | StringSchema | IntegerSchema | LabelSelectorSchema;

/** How to check: which CRD channel the cluster runs. */
export interface CrdValidationOptions {
  /**
   * The installed CRD channel. With `experimental`, experimental fields are accepted and each
   * gets a warning; with `standard`, the CRD does not know them and they are errors.
   * @default 'experimental'
   */
  readonly channel?: CrdChannel;
  /** Extra text for the warning on an experimental field (e.g. which CNIs lack it). @default none */
  readonly experimentalNote?: (path: string) => string | undefined;
}

/** The JSON type name kube-openapi reports for a value. */
function jsonTypeName(value: unknown): string {
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}

/** kube-openapi's "<path> in body ..." detail, as apiextensions quotes it. */
function inBody(path: string, detail: string): string {
  return `${path} in body ${detail}`;
}

function typeError(path: string, value: unknown, expected: string): FieldError {
  const actual = jsonTypeName(value);
  return invalid(path, actual, inBody(path, `must be of type ${expected}: ${JSON.stringify(actual)}`));
}

/** A failed CEL rule: the value shown is the schema type ("object", "string"). */
function celError(path: string, schemaType: string, message: string): Finding {
  return { ...invalid(path, schemaType, message), rule: 'crd-validation-rule' };
}

/** What a walk over a value finds: schema findings, and the failed CEL rules kept apart. */
export interface CrdSchemaResult {
  readonly schemaFindings: Finding[];
  /**
   * Failed x-kubernetes-validations rules. The API server evaluates none of them when the schema
   * found a blocking error (see validateCustomResource), so the caller decides.
   */
  readonly ruleFindings: Finding[];
}

class CrdValidator {
  private readonly channel: CrdChannel;
  readonly ruleFindings: Finding[] = [];

  constructor(private readonly options: CrdValidationOptions) {
    this.channel = options.channel ?? 'experimental';
  }

  validate(value: unknown, schema: CrdSchema, path: string): FieldError[] {
    switch (schema.type) {
      case 'object':
        return this.validateObject(value, schema, path);
      case 'array':
        return this.validateArray(value, schema, path);
      case 'string':
        return this.validateString(value, schema, path);
      case 'integer':
        return this.validateInteger(value, schema, path);
      case 'labelSelector':
        return isObject(value) ? validateLabelSelector(value, path) : [typeError(path, value, 'object')];
    }
  }

  private documented(value: JsonObject | string | number, schema: CrdSchema, path: string): FieldError[] {
    return (schema.documented ?? []).flatMap((doc) => {
      const problem = doc.check(value);
      return problem === undefined ? [] : [warning(path, `${problem} (${doc.source}; the API server accepts it)`, 'crd-documented-limit')];
    });
  }

  private checkRules(value: JsonObject | string, schema: CrdSchema, path: string, schemaType: string): void {
    this.ruleFindings.push(
      ...(schema.rules ?? [])
        .filter((rule) => rule.channel === undefined || rule.channel === this.channel)
        .filter((rule) => !rule.holds(value))
        .map((rule) => celError(path, schemaType, rule.message)),
    );
  }

  private validateObject(value: unknown, schema: ObjectSchema, path: string): FieldError[] {
    if (!isObject(value)) {
      return [typeError(path, value, 'object')];
    }
    const findings: FieldError[] = [];
    const known = Object.keys(schema.properties).filter((field) => this.channel === 'experimental' || !schema.properties[field].experimental);
    for (const field of schema.required ?? []) {
      if (isAbsent(value[field])) {
        findings.push(required(childPath(path, field)));
      }
    }
    for (const field of known) {
      const fieldValue = value[field];
      if (isAbsent(fieldValue)) {
        continue;
      }
      const fieldSchema = schema.properties[field];
      const fieldPath = childPath(path, field);
      if (fieldSchema.experimental) {
        const note = this.options.experimentalNote?.(fieldPath);
        findings.push(warning(fieldPath, `is an experimental-channel field: the standard-channel CRD does not have it${note ? `; ${note}` : ''}`, 'crd-experimental-field'));
      }
      findings.push(...this.validate(fieldValue, fieldSchema, fieldPath));
    }
    const present = Object.keys(value).filter((field) => !isAbsent(value[field])).length;
    if (schema.minProperties !== undefined && present < schema.minProperties) {
      findings.push(invalid(path, present, inBody(path, `should have at least ${schema.minProperties} properties`)));
    }
    if (schema.maxProperties !== undefined && present > schema.maxProperties) {
      findings.push(tooMany(path, present, schema.maxProperties));
    }
    findings.push(...unknownFields(value, path, known));
    findings.push(...this.documented(value, schema, path));
    this.checkRules(value, schema, path, 'object');
    return findings;
  }

  private validateArray(value: unknown, schema: ArraySchema, path: string): FieldError[] {
    if (!Array.isArray(value)) {
      return [typeError(path, value, 'array')];
    }
    const findings: FieldError[] = [];
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      findings.push(tooMany(path, value.length, schema.maxItems));
    }
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      findings.push(invalid(path, value.length, inBody(path, `should have at least ${schema.minItems} items`)));
    }
    value.forEach((item, i) => findings.push(...this.validate(item, schema.items, indexPath(path, i))));
    if (schema.set) {
      const seen = new Set<string>();
      value.forEach((item, i) => {
        const key = JSON.stringify(item);
        if (seen.has(key)) {
          findings.push(duplicate(indexPath(path, i), item));
        }
        seen.add(key);
      });
    }
    return findings;
  }

  private validateString(value: unknown, schema: StringSchema, path: string): FieldError[] {
    if (typeof value !== 'string') {
      return [typeError(path, value, 'string')];
    }
    const findings: FieldError[] = [];
    if (schema.enum && !schema.enum.includes(value)) {
      findings.push(notSupported(path, value, schema.enum));
    }
    if (schema.maxLength !== undefined && Buffer.byteLength(value, 'utf8') > schema.maxLength) {
      findings.push(tooLong(path, schema.maxLength));
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
      findings.push(invalid(path, value, inBody(path, `should match '${schema.pattern}'`)));
    }
    findings.push(...this.documented(value, schema, path));
    this.checkRules(value, schema, path, 'string');
    return findings;
  }

  private validateInteger(value: unknown, schema: IntegerSchema, path: string): FieldError[] {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      return [typeError(path, value, 'integer')];
    }
    const findings: FieldError[] = [];
    if (schema.minimum !== undefined && value < schema.minimum) {
      findings.push(invalid(path, value, inBody(path, `should be greater than or equal to ${schema.minimum}`)));
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      findings.push(invalid(path, value, inBody(path, `should be less than or equal to ${schema.maximum}`)));
    }
    findings.push(...this.documented(value, schema, path));
    return findings;
  }
}

/** Checks an untrusted value against a CRD schema at `path`. Never throws. */
export function validateAgainstCrdSchema(value: unknown, schema: CrdSchema, path: string, options: CrdValidationOptions = {}): CrdSchemaResult {
  const validator = new CrdValidator(options);
  const schemaFindings = inRule('crd-schema', validator.validate(value, schema, path));
  return { schemaFindings, ruleFindings: validator.ruleFindings };
}
