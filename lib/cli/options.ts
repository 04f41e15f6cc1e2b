import { InvalidArgumentError, Option } from 'commander';
import { dns1123LabelErrors } from '../validate';

/** The options shared by commands, so every command spells and checks them the same way. */

function namespaceName(value: string): string {
  const errors = dns1123LabelErrors(value);
  if (errors.length > 0) {
    throw new InvalidArgumentError(`${JSON.stringify(value)} is not a namespace name: ${errors.join('; ')}`);
  }
  return value;
}

/** `-n, --namespace <namespace>`: the namespace of objects whose manifest names none. */
export function namespaceOption(): Option {
  return new Option('-n, --namespace <namespace>', 'namespace for objects that name none').default('default').argParser(namespaceName);
}

/** `--format <format>` limited to `formats`; the first is the default. */
export function formatOption(formats: readonly [string, ...string[]]): Option {
  return new Option('--format <format>', 'output format').choices(formats).default(formats[0]);
}

/** `--per-pod`: every pod an endpoint of its own instead of one endpoint per workload. */
export function perPodOption(): Option {
  return new Option('--per-pod', 'one endpoint per pod instead of one per workload (Deployment, Job, ...)').default(false);
}

/** `--staged`: Calico's StagedKubernetesNetworkPolicies judged as enforced. */
export function stagedOption(): Option {
  return new Option(
    '--staged',
    "treat Calico's StagedKubernetesNetworkPolicies as enforced: each replaces (stagedAction Set) or removes (Delete) the NetworkPolicy of its name",
  ).default(false);
}
