/**
 * `netpol explain` through the three tiers: it names the tier, the policy and the rule that
 * decided, and the Pass rules it passed over (issue #12: an Admin Deny, a flow passed to
 * NetworkPolicy, a flow decided by the Baseline tier).
 */
import * as path from 'path';
import { runCli } from './run-cli';

const ESTATE = path.join(__dirname, '..', 'fixtures', 'admin-tier', 'explain-estate.yaml');

async function explain(from: string, to: string, port: number, format = 'text'): Promise<string> {
  const result = await runCli(['explain', ESTATE, '--from', from, '--to', to, '--port', String(port), '--format', format]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

describe('netpol explain with admin-tier policies', () => {
  it('a flow denied by an Admin Deny names the tier, the policy and the rule', async () => {
    expect(await explain('shop/web', '169.254.169.254', 80)).toBe(
      [
        'shop/web -> 169.254.169.254 (external) on TCP/80: DENIED',
        'egress from shop/web: DENIED',
        '  decided by the Admin tier: ClusterNetworkPolicy/guardrails spec.egress[0] "deny-metadata" (Deny, Admin tier, priority 10)',
        'ingress: not judged (169.254.169.254 (external) is outside the cluster)',
        '',
      ].join('\n'),
    );
  });

  it('a flow an Admin Pass hands to NetworkPolicy names the Pass rule and the NetworkPolicy rule', async () => {
    const text = await explain('shop/web', 'shop/db', 5432);
    expect(text).toContain('shop/web -> shop/db on TCP/5432: ALLOWED\n');
    expect(text).toContain(
      [
        'ingress to shop/db: allowed',
        '  passed by: ClusterNetworkPolicy/guardrails spec.ingress[0] "delegate-shop" (Pass, Admin tier, priority 10)',
        '  decided by the NetworkPolicy tier',
        '  isolated by: shop/db-from-web',
        '  allowed by: shop/db-from-web spec.ingress[0]',
      ].join('\n'),
    );
    // Passed on, the NetworkPolicy denies what it does not allow: the Baseline tier is not reached.
    expect(await explain('shop/web', 'shop/db', 80)).toContain(
      [
        'ingress to shop/db: DENIED',
        '  passed by: ClusterNetworkPolicy/guardrails spec.ingress[0] "delegate-shop" (Pass, Admin tier, priority 10)',
        '  decided by the NetworkPolicy tier',
        '  isolated by: shop/db-from-web',
        '  no ingress rule of these policies allows TCP/80 from shop/web',
      ].join('\n'),
    );
  });

  it('a flow decided by the Baseline tier names the Baseline policy and rule', async () => {
    const text = await explain('monitoring/prometheus', 'shop/web', 80);
    expect(text).toContain(
      [
        'ingress to shop/web: DENIED',
        '  decided by the Baseline tier: ClusterNetworkPolicy/default-deny spec.ingress[0] "deny-all-ingress" (Deny, Baseline tier, priority 100)',
      ].join('\n'),
    );
    const json = JSON.parse(await explain('monitoring/prometheus', 'shop/web', 80, 'json'));
    expect(json.allowed).toBe(false);
    expect(json.ingress.tiers).toEqual({
      decidedBy: 'Baseline',
      decidingRule: {
        kind: 'ClusterNetworkPolicy',
        policy: 'default-deny',
        tier: 'Baseline',
        priority: 100,
        direction: 'ingress',
        ruleIndex: 0,
        name: 'deny-all-ingress',
        action: 'Deny',
        text: 'ClusterNetworkPolicy/default-deny spec.ingress[0] "deny-all-ingress" (Deny, Baseline tier, priority 100)',
      },
      passedBy: [],
    });
  });

  it('a pod reaching its own Pod IP is judged by NetworkPolicy alone (hairpin)', async () => {
    const json = JSON.parse(await explain('shop/web', 'shop/web', 80, 'json'));
    expect(json.allowed).toBe(true);
    expect(json.ingress.tiers).toEqual({ decidedBy: 'Default', decidingRule: null, passedBy: [], hairpin: true });
  });
});
