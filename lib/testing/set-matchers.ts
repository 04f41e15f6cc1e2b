import { IConstruct } from 'constructs';
import { PortProbe, formatProbe } from '../analysis';
import { coversEgress, coversIngress, PolicyDirection } from '../constructs';
import { Protocol } from '../model';
import { ExpectationChecks, exposureText, onlyOffenderText } from '../workflows';
import { checkProbe, EndpointLike, MatcherContext, MatcherResult, resolveEndpoint } from './matcher-inputs';
import { synthClusterModel } from './synth-cluster-model';

/** What `toBeIsolated` checks. */
export interface IsolationExpectation {
  /**
   * The endpoints that must be isolated.
   * @default every endpoint of the app or chart
   */
  readonly pods?: EndpointLike | readonly EndpointLike[];
  /**
   * The directions they must be isolated for (some policy selects them for it).
   * @default 'both'
   */
  readonly direction?: PolicyDirection;
}

/** Which port a set-level reachability matcher looks at. */
export interface PortOption {
  /**
   * Only this destination port.
   * @default any port: a source reaches a destination when some port is allowed
   */
  readonly port?: number;
  /**
   * The protocol of `port`.
   * @default 'TCP'
   */
  readonly protocol?: Protocol;
}

/** What `toOnlyBeReachableFrom` checks the sources against. */
export interface OnlyReachableExpectation extends PortOption {
  /** The destination. */
  readonly to: EndpointLike;
}

/** What `toNotBeReachableFromOutside` checks. */
export interface OutsideExpectation extends PortOption {
  /**
   * The destinations.
   * @default every endpoint of the app or chart
   */
  readonly to?: EndpointLike | readonly EndpointLike[];
}

/** The analysis of one app or chart, with the matcher's arguments resolved against it. */
class MatcherScope {
  readonly checks: ExpectationChecks;

  constructor(readonly scope: IConstruct) {
    this.checks = new ExpectationChecks(synthClusterModel(scope));
  }

  /** The endpoints named (one or a list), or every endpoint when none is given. */
  endpoints(given: EndpointLike | readonly EndpointLike[] | undefined, field: string): string[] {
    const { analyzer } = this.checks;
    if (given === undefined) {
      return analyzer.endpointIds();
    }
    const list: readonly EndpointLike[] = Array.isArray(given) ? given : [given as EndpointLike];
    return list.map((value, index) => resolveEndpoint(value, Array.isArray(given) ? `${field}[${index}]` : field, analyzer, this.scope));
  }
}

function probeOf(option: PortOption): PortProbe | undefined {
  return option.port === undefined ? undefined : { port: option.port, protocol: checkProbe(option.port, option.protocol) };
}

function portText(probe: PortProbe | undefined): string {
  return probe ? `on ${formatProbe(probe)}` : 'on any port';
}

function whatText(ids: readonly string[], all: boolean): string {
  return all ? 'every endpoint' : ids.join(', ');
}

function message(header: string, lines: readonly string[]): string {
  return lines.length === 0 ? header : `${header}, but:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}

/**
 * `expect(appOrChart).toBeIsolated({ pods?, direction? })`: some policy selects each endpoint
 * for each direction, so only what policies allow gets through.
 */
export function toBeIsolated(this: MatcherContext, scope: IConstruct, expectation: IsolationExpectation = {}): MatcherResult {
  const subject = new MatcherScope(scope);
  const ids = subject.endpoints(expectation.pods, 'pods');
  const direction = expectation.direction ?? 'both';
  const directions = [...(coversIngress(direction) ? ['ingress' as const] : []), ...(coversEgress(direction) ? ['egress' as const] : [])];
  const verdicts = subject.checks.isolation(ids, directions).map(({ id, direction: side, selectedBy }) => ({ id, side, selectedBy }));
  const open = verdicts.filter((verdict) => verdict.selectedBy.length === 0);
  const pass = ids.length > 0 && open.length === 0;
  const header = `expected ${whatText(ids, expectation.pods === undefined)} ${this.isNot ? 'not ' : ''}to be isolated for ${directions.join(' and ')}`;
  const lines = this.isNot
    ? verdicts.map((verdict) => `${verdict.id} is isolated for ${verdict.side} by ${verdict.selectedBy.join(', ')}`)
    : ids.length === 0
      ? ['there are no endpoints']
      : open.map((verdict) => `${verdict.id}: no policy selects it for ${verdict.side}`);
  return { pass, message: () => message(header, lines) };
}

/**
 * `expect(appOrChart).toOnlyBeReachableFrom(sources, { to, port? })`: every source reaches
 * `to` and nothing else does, no other endpoint and no address outside the cluster. A pod
 * reaching itself is left out: policies cannot block it.
 */
export function toOnlyBeReachableFrom(
  this: MatcherContext,
  scope: IConstruct,
  sources: readonly EndpointLike[],
  expectation: OnlyReachableExpectation,
): MatcherResult {
  if (!Array.isArray(sources)) {
    throw new Error('sources: give a list of endpoints ("namespace/name", Workloads or cdk8s-plus workloads); [] for none');
  }
  const subject = new MatcherScope(scope);
  const to = subject.endpoints(expectation.to, 'to')[0];
  const allowed = new Set(subject.endpoints(sources, 'sources'));
  const probe = probeOf(expectation);
  const lines = subject.checks.onlyReachableOffenders(to, allowed, probe).map((offender) => onlyOffenderText(offender, probe));
  const listed = [...allowed].sort().join(', ') || 'nothing';
  const header = `expected ${to} ${this.isNot ? 'not ' : ''}to be reachable only from ${listed} ${portText(probe)}`;
  return { pass: lines.length === 0, message: () => (this.isNot ? `${header}, but it is` : message(header, lines)) };
}

/**
 * `expect(appOrChart).toNotBeReachableFromOutside({ to?, port? })`: no address outside the
 * cluster reaches any of the endpoints.
 */
export function toNotBeReachableFromOutside(this: MatcherContext, scope: IConstruct, expectation: OutsideExpectation = {}): MatcherResult {
  const subject = new MatcherScope(scope);
  const ids = subject.endpoints(expectation.to, 'to');
  const probe = probeOf(expectation);
  const lines = subject.checks.exposures(ids, probe).map((exposure) => exposureText(exposure, probe));
  const header = `expected ${whatText(ids, expectation.to === undefined)} ${this.isNot ? '' : 'not '}to be reachable from outside the cluster ${portText(probe)}`;
  return { pass: lines.length === 0, message: () => (this.isNot ? `${header}, but none is` : message(header, lines)) };
}

/** The set-level matchers, for `expect.extend(setMatchers)` when registering by hand. */
export const setMatchers = { toBeIsolated, toOnlyBeReachableFrom, toNotBeReachableFromOutside };
