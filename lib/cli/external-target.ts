import { Option } from 'commander';
import { ExternalPeer, externalPeerOf } from '../analysis';
import type { ClusterModel } from '../model';
import { CliError } from './exit-code';

/** `--external <address>`: an address or network outside the cluster; `description` says how the command shows it. */
export function externalOption(description: string): Option {
  return new Option('--external <address>', description);
}

/** Reads `--external`: an IP, or a CIDR standing for all its addresses (see externalPeerOf). */
export function externalTarget(value: string, model: ClusterModel): ExternalPeer {
  const peer = externalPeerOf(value, model);
  if (!peer) {
    throw new CliError(`--external: ${JSON.stringify(value)} is not an IP address or CIDR (e.g. 203.0.113.9 or 203.0.113.0/24)`);
  }
  return peer;
}
