import { forbidden, invalid, required } from './field-error';
import { childPath } from './field-path';
import { FieldError, Finding, inRule } from './finding';
import { validateLabelKey, validateLabels, validateLabelValue } from './label';
import { isAbsent, isObject, unknownFields, validateList, wrongType } from './shape';

/** A label selector as apimachinery's ValidateLabelSelector checks it. */

const RULE = 'api-label-selector';
const SELECTOR_FIELDS = ['matchLabels', 'matchExpressions'];
const REQUIREMENT_FIELDS = ['key', 'operator', 'values'];

function validateRequirement(item: unknown, path: string): FieldError[] {
  // A null element of the []LabelSelectorRequirement slice decodes as the zero requirement.
  const value = isAbsent(item) ? {} : item;
  if (!isObject(value)) {
    return [wrongType(path, value, 'an object with key, operator and values')];
  }
  const findings: FieldError[] = [];
  const { key, operator, values } = value;
  const valuesPath = childPath(path, 'values');
  const hasValues = Array.isArray(values) && values.length > 0;
  // A values field of the wrong type is reported once, by its validateList below.
  const valuesMissing = !hasValues && (isAbsent(values) || Array.isArray(values));
  findings.push(...validateLabelKey(key ?? '', childPath(path, 'key')));
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (valuesMissing) {
        findings.push(required(valuesPath, "must be specified when `operator` is 'In' or 'NotIn'"));
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (hasValues) {
        findings.push(forbidden(valuesPath, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
      break;
    default:
      findings.push(
        invalid(childPath(path, 'operator'), operator ?? '', 'not a valid selector operator; valid operators are In, NotIn, Exists, DoesNotExist (case-sensitive)'),
      );
  }
  findings.push(...validateList(values, valuesPath, 'strings', validateLabelValue));
  findings.push(...unknownFields(value, path, REQUIREMENT_FIELDS));
  return findings;
}

/** Validates an untrusted label selector at `path` (absent or null is an empty selector). */
export function validateLabelSelector(value: unknown, path: string): Finding[] {
  if (isAbsent(value)) {
    return [];
  }
  if (!isObject(value)) {
    return inRule(RULE, [wrongType(path, value, 'a label selector object with matchLabels and/or matchExpressions')]);
  }
  return inRule(RULE, [
    ...validateLabels(value.matchLabels, childPath(path, 'matchLabels')),
    ...validateList(value.matchExpressions, childPath(path, 'matchExpressions'), '{key, operator, values}', validateRequirement),
    ...unknownFields(value, path, SELECTOR_FIELDS),
  ]);
}
