import type { DirectionVerdict } from '../analysis';
import type { AuditResult } from '../flows';
import type { ClusterModel } from '../model';
import type { LocatedAuditedFlow } from '../report';
import { ManifestLocator, ModelPlace } from './manifest-locator';

/** The places that deny one side: the admin-tier Deny rule that decided, else the policies that isolate it. */
function denyingPlaces(locator: ManifestLocator, verdict: DirectionVerdict | undefined): ModelPlace[] {
  if (!verdict || verdict.allowed) {
    return [];
  }
  const side = verdict.direction === 'ingress' ? `ingress to ${verdict.endpoint}` : `egress from ${verdict.endpoint}`;
  const tierRule = verdict.tiers?.decidingRule;
  const places =
    tierRule && tierRule.action === 'Deny'
      ? [locator.tierPolicy(tierRule.kind, tierRule.policy, `spec.${tierRule.direction}[${tierRule.ruleIndex}]`, `denies ${side} (${tierRule.tier} tier)`)]
      : verdict.selectedBy.map((policy) => locator.policy(policy, 'spec.podSelector', `isolates ${side}; no rule allows the flow`));
  return places.filter((place): place is ModelPlace => place !== undefined);
}

/**
 * The audit's flows with, for each denied one, the policies of the estate that deny it (the
 * admin-tier Deny rule, or the policies isolating each denying side) at their lines.
 */
export async function locateAuditedFlows(result: AuditResult, estate: ClusterModel): Promise<LocatedAuditedFlow[]> {
  const locator = new ManifestLocator(estate);
  return Promise.all(
    result.flows.map(async (flow) => ({
      flow,
      policies: flow.verdict === 'denied' ? await locator.locate([...denyingPlaces(locator, flow.egress), ...denyingPlaces(locator, flow.ingress)]) : [],
    })),
  );
}
