import { dns1035LabelErrors, dns1123LabelErrors, dns1123SubdomainErrors, maxLengthError } from './dns-name';

/**
 * What the API server requires of `metadata.name` per kind, for the kinds netpol reads into
 * its model (the validation package of each API group in kubernetes/kubernetes):
 * Namespace a DNS-1123 label (ValidateNamespaceName); Service a DNS-1035 label
 * (ValidateServiceName); StatefulSet a DNS-1123 label since Kubernetes 1.27
 * (ValidateStatefulSetName, kubernetes/kubernetes#114172: its pods' hostnames are the name);
 * CronJob a subdomain of at most 52 characters (ValidateCronJob: 63 less the 11 of the Job
 * suffix); Pod, Deployment, ReplicaSet, DaemonSet, Job, ReplicationController and every other
 * kind a DNS-1123 subdomain (NameIsDNSSubdomain).
 */

/** The longest CronJob name: its Jobs are named `<name>-<timestamp>` (ValidateCronJob). */
const CRON_JOB_NAME_MAX_LENGTH = 52;

/** What is wrong with the name of an object of this API group and kind; empty when it is valid. */
export function objectNameErrors(group: string, kind: string, name: string): string[] {
  if (group === '' && kind === 'Namespace') {
    return dns1123LabelErrors(name);
  }
  if (group === '' && kind === 'Service') {
    return dns1035LabelErrors(name);
  }
  if (group === 'apps' && kind === 'StatefulSet') {
    return dns1123LabelErrors(name);
  }
  const errors = dns1123SubdomainErrors(name);
  if (group === 'batch' && kind === 'CronJob' && name.length > CRON_JOB_NAME_MAX_LENGTH) {
    errors.push(maxLengthError(CRON_JOB_NAME_MAX_LENGTH));
  }
  return errors;
}
