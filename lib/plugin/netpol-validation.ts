import { ManifestError, ManifestFinding, loadManifests } from '../manifests';
import type { CniName } from '../validate';
import {
  IngressControllerError,
  IngressControllerRef,
  UnknownCniError,
  checkFails,
  checkManifestSet,
  loadNetpolConfig,
  outstandingFindings,
  parseIngressController,
  requireCniName,
  reviewFindings,
  todayUtc,
} from '../workflows';
import { Cdk8sValidationContext } from './cdk8s-validation-contract';
import { findingViolation } from './finding-violation';

/** The `properties` of the plugin's entry under `validations:` in cdk8s.yaml. */
export interface NetpolValidationProps {
  /**
   * Fail synth on warnings (lint) too, not only on what the API server would reject.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * The namespace assumed for objects that name none (a chart without a namespace), as
   * `kubectl apply --namespace` would place them.
   * @default 'default'
   */
  readonly namespace?: string;
  /**
   * The CNI plugin the cluster runs (`calico`, `cilium`, ... as `netpol validate --cni`):
   * warns where it would not enforce what the policies say (docs/cni-profiles.md).
   * @default no CNI profile
   */
  readonly cni?: CniName;
  /**
   * The ingress controller's pods, as `netpol validate --ingress-controller` takes them
   * (`namespace/key=value[,key=value...]`): Ingress and route backends that do not admit them
   * are reported (`ingress-backend-not-admitted`).
   * @default not checked
   */
  readonly ingressController?: string;
}

/** The props once checked: `cni` and `ingressController` stay optional. */
type CheckedProps = Required<Omit<NetpolValidationProps, 'cni' | 'ingressController'>> &
  Pick<NetpolValidationProps, 'cni'> & { readonly ingressController?: IngressControllerRef };

const PROPERTY_NAMES: ReadonlyArray<keyof NetpolValidationProps> = ['strict', 'namespace', 'cni', 'ingressController'];

/** Where bad properties come from, for error messages. */
const PROPERTIES_PATH = 'cdk8s.yaml: validations[class=NetpolValidation].properties';

function checkedCni(cni: unknown): CniName | undefined {
  if (cni === undefined || cni === null) {
    return undefined;
  }
  if (typeof cni !== 'string') {
    throw new Error(`${PROPERTIES_PATH}.cni: must be a CNI name, got ${JSON.stringify(cni)}`);
  }
  try {
    return requireCniName(`${PROPERTIES_PATH}.cni`, cni);
  } catch (error) {
    throw error instanceof UnknownCniError ? new Error(error.message) : error;
  }
}

function checkedIngressController(value: unknown): IngressControllerRef | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const field = `${PROPERTIES_PATH}.ingressController`;
  if (typeof value !== 'string') {
    throw new Error(`${field}: must be namespace/key=value[,key=value...], got ${JSON.stringify(value)}`);
  }
  try {
    return parseIngressController(field, value);
  } catch (error) {
    throw error instanceof IngressControllerError ? new Error(error.message) : error;
  }
}

function checkedProps(properties: unknown): CheckedProps {
  if (properties === undefined || properties === null) {
    return { strict: false, namespace: 'default' };
  }
  if (typeof properties !== 'object' || Array.isArray(properties)) {
    throw new Error(`${PROPERTIES_PATH}: must be a mapping with the optional keys ${PROPERTY_NAMES.join(', ')}`);
  }
  const props = properties as Record<string, unknown>;
  const unknown = Object.keys(props).filter((key) => !(PROPERTY_NAMES as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new Error(`${PROPERTIES_PATH}.${unknown[0]}: unknown property; supported: ${PROPERTY_NAMES.join(', ')}`);
  }
  const { strict = false, namespace = 'default', cni, ingressController } = props;
  if (typeof strict !== 'boolean') {
    throw new Error(`${PROPERTIES_PATH}.strict: must be true or false, got ${JSON.stringify(strict)}`);
  }
  if (typeof namespace !== 'string' || namespace === '') {
    throw new Error(`${PROPERTIES_PATH}.namespace: must be a non-empty namespace name, got ${JSON.stringify(namespace)}`);
  }
  const controller = checkedIngressController(ingressController);
  return { strict, namespace, cni: checkedCni(cni), ...(controller ? { ingressController: controller } : {}) };
}

/**
 * A cdk8s validation plugin: after `cdk8s synth`, every NetworkPolicy in the synthesized
 * manifests (from our constructs, cdk8s-plus, raw ApiObjects or imported YAML) is checked
 * as the API server checks it, plus the lint rules (and, with `cni`, that CNI's profile).
 * Errors fail synth; warnings fail it only with `strict: true`.
 *
 * ```yaml
 * # cdk8s.yaml
 * validations:
 *   - package: ./node_modules/cdk8s-netpol   # a local path: loaded without npm install
 *     version: 0.1.0
 *     class: NetpolValidation
 *     properties: { strict: true, cni: calico }
 * ```
 */
export class NetpolValidation {
  private readonly props: CheckedProps;

  /** cdk8s-cli passes the entry's `properties` (parsed YAML, so checked here). */
  constructor(properties: NetpolValidationProps = {}) {
    this.props = checkedProps(properties);
  }

  public async validate(context: Cdk8sValidationContext): Promise<void> {
    const findings = await this.findings(context.manifests);
    for (const finding of findings) {
      context.report.addViolation(findingViolation(finding, this.props.strict));
    }
    const errors = findings.filter((finding) => finding.severity === 'error').length;
    const warnings = findings.length - errors;
    context.report.submit(checkFails(findings, this.props.strict) ? 'failure' : 'success', {
      errors: String(errors),
      warnings: String(warnings),
      strict: String(this.props.strict),
    });
  }

  private async findings(manifests: readonly string[]): Promise<ManifestFinding[]> {
    if (manifests.length === 0) {
      return [];
    }
    try {
      // Acknowledged findings (annotation, or .netpol.yaml in the project directory) are left out.
      const config = await loadNetpolConfig(undefined, process.cwd());
      const loaded = await loadManifests(manifests, { defaultNamespace: this.props.namespace });
      const checked = checkManifestSet(loaded.objects, { cni: this.props.cni ?? config?.cni, ingressController: this.props.ingressController });
      return outstandingFindings(reviewFindings(checked, loaded.objects, { config, today: todayUtc() }).findings);
    } catch (error) {
      if (error instanceof ManifestError) {
        // Unreadable input has no object to name: kind and name stay empty.
        const { file, documentIndex, detail } = error;
        return [{ severity: 'error', rule: 'manifest-unreadable', path: error.path ?? '', message: detail, file, documentIndex, kind: '', name: '' }];
      }
      throw error;
    }
  }
}
