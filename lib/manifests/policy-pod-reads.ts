import { Cidr, IpAddress, LabelSelector, PolicyEntry, cidrContainsIp, parseCidr, selectorKeys } from '../model';

interface ReadBlock {
  readonly cidr: Cidr;
  readonly except: readonly Cidr[];
}

/**
 * What the policies can tell pods apart by: the pod label keys their pod selectors read
 * (with the policies reading each) and their ipBlocks. Pods alike in these are alike to
 * every policy.
 */
export class PolicyPodReads {
  /** Label key -> the policies (`namespace/name`) whose pod selectors read it, sorted. */
  readonly labelKeys = new Map<string, string[]>();
  private readonly blocks: ReadBlock[] = [];

  constructor(policies: readonly PolicyEntry[]) {
    for (const { policy } of policies) {
      const id = `${policy.metadata.namespace}/${policy.metadata.name}`;
      const read = (selector: LabelSelector | undefined): void => {
        for (const key of selectorKeys(selector)) {
          const readers = this.labelKeys.get(key) ?? [];
          if (!readers.includes(id)) {
            readers.push(id);
          }
          this.labelKeys.set(key, readers);
        }
      };
      read(policy.spec?.podSelector);
      const peers = [...(policy.spec?.ingress ?? []).flatMap((rule) => rule?.from ?? []), ...(policy.spec?.egress ?? []).flatMap((rule) => rule?.to ?? [])];
      for (const peer of peers) {
        read(peer?.podSelector ?? undefined);
        const cidr = peer?.ipBlock ? parseCidr(peer.ipBlock.cidr) : undefined;
        if (cidr) {
          this.blocks.push({ cidr, except: (peer?.ipBlock?.except ?? []).flatMap((text) => parseCidr(text) ?? []) });
        }
      }
    }
    this.labelKeys.forEach((readers) => readers.sort());
  }

  /** The read label keys among `labels`' keys, with their values, sorted by key. */
  readLabels(labels: Readonly<Record<string, string>>): [string, string][] {
    return Object.keys(labels)
      .filter((key) => this.labelKeys.has(key))
      .sort()
      .map((key) => [key, labels[key]]);
  }

  /** Which ipBlocks (by position) match any of these addresses. */
  matchedBlocks(ips: readonly IpAddress[]): number[] {
    return this.blocks.flatMap((block, index) =>
      ips.some((ip) => cidrContainsIp(block.cidr, ip) && !block.except.some((except) => cidrContainsIp(except, ip))) ? [index] : [],
    );
  }
}
