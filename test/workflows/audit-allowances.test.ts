import * as path from 'path';
import { runCli } from '../cli/run-cli';

/**
 * What `netpol audit` suggests for a denied flow, and the check of it (#13.5, from the flows2
 * branch): one denying side gets AllowTo / AllowFrom in its own chart (AllowTraffic would also
 * isolate the side that allows the flow today), and every suggestion is checked by judging all
 * observed flows again with every suggested policy added.
 */

const ESTATE = path.join(__dirname, '..', 'fixtures', 'flows', 'verify', 'estate.yaml');

interface Allowance {
  construct: string;
  dsl: string;
  verified: boolean;
  unverified?: string;
}

interface Flow {
  verdict: string;
  from: { id?: string; label?: string };
  to: { id?: string; label?: string };
  port: number;
  deniedBy?: string;
  allowance?: Allowance;
}

async function audit(csv: string): Promise<Flow[]> {
  const result = await runCli(['audit', ESTATE, '--flows', '-', '--format', 'json'], `from,to,port,protocol\n${csv}`);
  return JSON.parse(result.stdout).flows;
}

const name = (end: Flow['from']) => end.id ?? end.label;
const deniedOf = (flows: Flow[], from: string, to: string) => flows.find((flow) => flow.verdict === 'denied' && name(flow.from) === from && name(flow.to) === to);

describe('audit suggestions', () => {
  test('only the ingress side denies: AllowFrom in the server\'s chart, verified', async () => {
    const flow = deniedOf(await audit('shop/batch,shop/api,8080,TCP\nshop/web,shop/api,8080,TCP'), 'shop/batch', 'shop/api');
    expect(flow?.deniedBy).toBe('ingress');
    expect(flow?.allowance).toEqual(
      expect.objectContaining({
        construct: 'AllowFrom',
        verified: true,
        dsl:
          "new AllowFrom(chart, 'batch-to-api-8080-ingress', { pods: Workload.select({ app: 'api' }, { namespace: 'shop' }), from: Workload.select({ app: 'batch' }, { namespace: 'shop' }), ports: [Port.tcp(8080)] }); " +
          '// in the NamespacePolicyChart of namespace shop',
      }),
    );
  });

  test("only the egress side denies: AllowTo in the client's chart, verified", async () => {
    const flow = deniedOf(await audit('billing/report,shop/web,80,TCP'), 'billing/report', 'shop/web');
    expect(flow?.deniedBy).toBe('egress');
    expect(flow?.allowance).toMatchObject({ construct: 'AllowTo', verified: true });
    expect(flow?.allowance?.dsl).toMatch(/^new AllowTo\(chart, 'report-to-web-80-egress', \{ pods: Workload\.select\(\{ app: 'report' \}, \{ namespace: 'billing' \}\), to: /);
  });

  test('a policy that would isolate open pods and deny an observed flow is not verified, and says which flow', async () => {
    // invoice's egress is open at the NetworkPolicy tier (the Baseline tier accepts its DNS, denies the rest):
    // an egress NetworkPolicy for it takes the decision from the Baseline tier, and DNS is then denied.
    const flows = await audit('billing/invoice,shop/api,8080,TCP\nbilling/invoice,kube-system/coredns,53,UDP');
    expect(flows.find((flow) => name(flow.to) === 'kube-system/coredns')?.verdict).toBe('allowed');
    const flow = deniedOf(flows, 'billing/invoice', 'shop/api');
    expect(flow?.deniedBy).toBe('both');
    expect(flow?.allowance).toMatchObject({
      construct: 'AllowTraffic',
      verified: false,
      unverified: 'its policy isolates pods that are open today and would deny observed flows: billing/invoice -> kube-system/coredns on UDP/53',
    });
    const text = await runCli(['audit', ESTATE, '--flows', '-'], 'from,to,port,protocol\nbilling/invoice,shop/api,8080,TCP\nbilling/invoice,kube-system/coredns,53,UDP\n');
    expect(text.stdout).toContain('  not verified: its policy isolates pods that are open today and would deny observed flows: billing/invoice -> kube-system/coredns on UDP/53');
  });

  test('a flow an admin-tier Deny decides stays denied with the suggestion: not verified', async () => {
    const flow = deniedOf(await audit('shop/web,169.254.169.254,80,TCP'), 'shop/web', '169.254.169.254');
    expect(flow?.allowance).toMatchObject({
      construct: 'AllowTraffic',
      verified: false,
      unverified: 'with this rule the flow is still denied: a tier other than the NetworkPolicies decides it (see netpol explain)',
    });
  });
});
