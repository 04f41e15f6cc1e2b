import { AdminTierPolicy, POLICY_API_GROUP, apiGroup } from '../model';
import { Finding, isObject, validateAdminNetworkPolicy, validateBaselineAdminNetworkPolicy, validateClusterNetworkPolicy } from '../validate';
import { ManifestObject } from './manifest-object';

/** The admin-tier kinds the analysis evaluates, each with the validation of its CRD. */
const ADMIN_TIER_VALIDATORS: Readonly<Record<AdminTierPolicy['kind'], (object: unknown) => Finding[]>> = {
  ClusterNetworkPolicy: (object) => validateClusterNetworkPolicy(object),
  AdminNetworkPolicy: (object) => validateAdminNetworkPolicy(object),
  BaselineAdminNetworkPolicy: (object) => validateBaselineAdminNetworkPolicy(object),
};

function isAdminTierKind(kind: string): kind is AdminTierPolicy['kind'] {
  return Object.prototype.hasOwnProperty.call(ADMIN_TIER_VALIDATORS, kind);
}

/** What reading one admin-tier object gives: its findings, and the policy when it has no error. */
export interface AdminTierRead {
  /** Every validation finding, at the field paths the API server writes. */
  readonly findings: readonly Finding[];
  /** The decoded policy; undefined when validation found an error. */
  readonly policy?: AdminTierPolicy;
}

/**
 * An object of policy.networking.k8s.io named ClusterNetworkPolicy, AdminNetworkPolicy or
 * BaselineAdminNetworkPolicy, validated against its CRD (any apiVersion of the group, so that a
 * wrong version is an error, not an object skipped unseen) and decoded when valid;
 * undefined for every other object.
 */
export function readAdminTierObject(object: ManifestObject): AdminTierRead | undefined {
  if (object.role !== 'other' || !isAdminTierKind(object.kind) || apiGroup(object.apiVersion) !== POLICY_API_GROUP) {
    return undefined;
  }
  const findings = ADMIN_TIER_VALIDATORS[object.kind](object.raw);
  if (findings.some((finding) => finding.severity === 'error')) {
    return { findings };
  }
  return { findings, policy: withoutNulls(object.raw) as unknown as AdminTierPolicy };
}

/**
 * The object as the API server stores a custom resource: a `null` field is dropped (structural
 * schemas prune nulls of non-nullable fields, and these CRDs declare none nullable), so null is
 * absent. Validation has already refused nulls where a list item or a value is required.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withoutNulls);
  }
  if (!isObject(value)) {
    return value;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== null) {
      // defineProperty: a `__proto__` key is data, not the object's prototype.
      Object.defineProperty(copy, key, { value: withoutNulls(field), enumerable: true, writable: true, configurable: true });
    }
  }
  return copy;
}
