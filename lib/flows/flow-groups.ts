import { Labels, ObservedEnd, ObservedFlowGroup, ObservedFlows, SkippedObservations, compareText } from '../model';
import type { ObservedFlow } from './observation';

interface Place {
  readonly file: string;
  readonly line: number;
}

interface MutableGroup {
  readonly flow: ObservedFlow;
  count: number;
  readonly verdicts: Map<string, number>;
  readonly names: Set<string>;
  readonly firstSeen: Place;
}

/** `a=1,b=2`: labels by key, as ends are keyed and named. */
export function formatLabels(labels: Labels): string {
  return Object.keys(labels)
    .sort(compareText)
    .map((key) => `${key}=${labels[key]}`)
    .join(',');
}

/** What identifies an end for grouping: a pod by namespace, labels and workload; never its name or IP. */
export function observedEndKey(end: ObservedEnd): string {
  switch (end.kind) {
    case 'pod':
      return `pod ${end.namespace} {${formatLabels(end.labels)}} ${end.workload ? `${end.workload.kind}/${end.workload.name}` : ''}`;
    case 'workload':
      return `workload ${end.namespace}/${end.name}`;
    case 'address':
      return `address ${end.ip}`;
    case 'network':
      return `network ${end.cidr}`;
  }
}

/**
 * Observed flows grouped by (source, destination, port, protocol) with counts, as they
 * stream in. Replies are not flows: a flow Hubble marks `is_reply` is skipped, and so is one
 * whose `is_reply` is unknown when a flow the other way to its source port was already seen
 * (a request from B to A's port P makes A's packets from P to B its replies). Ends are told
 * apart by IP address where the log has one, else by their identity.
 */
export class FlowGroups {
  private readonly groups = new Map<string, MutableGroup>();
  private readonly skipped = new Map<string, { count: number; firstSeen: Place }>();
  /** `source>destination:port/protocol` of every flow taken as a request, to recognise replies. */
  private readonly requests = new Set<string>();

  /** A number per distinct end (by observedEndKey), per end object: decoders share the objects of one identity. */
  private readonly endNumbers = new WeakMap<ObservedEnd, number>();
  private readonly numbersByKey = new Map<string, number>();

  /** Short keys hash fast: ends are numbered, and a group's key is made of the numbers. */
  private numberOf(end: ObservedEnd): number {
    let number = this.endNumbers.get(end);
    if (number === undefined) {
      const key = observedEndKey(end);
      number = this.numbersByKey.get(key) ?? this.numbersByKey.size;
      this.numbersByKey.set(key, number);
      this.endNumbers.set(end, number);
    }
    return number;
  }

  add(flow: ObservedFlow, place: Place): void {
    if (flow.reply === true) {
      this.skip('reply (is_reply: true)', place);
      return;
    }
    const fromNumber = this.numberOf(flow.from);
    const toNumber = this.numberOf(flow.to);
    const from = flow.fromIp ?? `#${fromNumber}`;
    const to = flow.toIp ?? `#${toNumber}`;
    if (flow.reply === undefined && flow.sourcePort !== undefined && this.requests.has(`${to}>${from}:${flow.sourcePort}/${flow.protocol}`)) {
      this.skip('reply (is_reply unknown; a flow the other way to its source port was seen before)', place);
      return;
    }
    this.requests.add(`${from}>${to}:${flow.port}/${flow.protocol}`);
    const key = `${fromNumber}>${toNumber}:${flow.port}/${flow.protocol}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { flow, count: 0, verdicts: new Map(), names: new Set(), firstSeen: place };
      this.groups.set(key, group);
    }
    group.count += flow.count;
    group.verdicts.set(flow.verdict, (group.verdicts.get(flow.verdict) ?? 0) + flow.count);
    for (const name of flow.destinationNames) {
      group.names.add(name);
    }
  }

  skip(reason: string, place: Place): void {
    const skipped = this.skipped.get(reason);
    if (skipped) {
      skipped.count++;
    } else {
      this.skipped.set(reason, { count: 1, firstSeen: place });
    }
  }

  result(files: readonly string[], lines: number): ObservedFlows {
    const groups: ObservedFlowGroup[] = [...this.groups.values()].map(({ flow, count, verdicts, names, firstSeen }) => ({
      from: flow.from,
      to: flow.to,
      port: flow.port,
      protocol: flow.protocol,
      count,
      verdicts: Object.fromEntries([...verdicts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      destinationNames: [...names].sort(),
      ...(flow.destinationService ? { destinationService: flow.destinationService } : {}),
      firstSeen,
    }));
    const skipped: SkippedObservations[] = [...this.skipped].map(([reason, { count, firstSeen }]) => ({ reason, count, firstSeen }));
    return { groups, skipped, lines, files };
  }
}
