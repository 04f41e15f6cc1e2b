import { PortProbe } from '../analysis/types';

/** `TCP/80`, the way a single probe is named in reports. */
export function formatProbe(probe: PortProbe): string {
  return `${probe.protocol}/${probe.port}`;
}
