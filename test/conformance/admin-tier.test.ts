/**
 * The network-policy-api conformance scenarios for the admin and baseline tiers
 * (kubernetes-sigs/network-policy-api conformance/tests, transcribed in
 * test/fixtures/admin-tier/conformance-scenarios.ts) run through `netpol reach --format json`
 * on the suite's cluster. Each step's mutations are applied to the upstream manifests in order
 * (they persist, as on the live cluster); each poke must be allowed exactly when the suite
 * expects a connection. Where the manifests cannot tell (a `nodes` peer needs node addresses),
 * the verdict must be reported as ambiguous instead (docs/admin-tier.md, Ambiguous 4).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { CONFORMANCE_SCENARIOS, ConformanceScenario, Mutation, Poke, hostNetworkPort, podIp } from '../fixtures/admin-tier/conformance-scenarios';
import { runCli } from '../cli/run-cli';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'admin-tier');
const NAMESPACE_PREFIX = 'network-policy-conformance-';

/** Scenarios whose pokes the manifests cannot decide, with why; the verdict must say ambiguous. */
const UNDECIDABLE: Readonly<Record<string, string>> = {
  CNPAdminTierEgressNodePeers: 'a nodes peer matches node addresses; the hostNetwork server has its node address, which manifests cannot tie to a node',
  CNPBaselineTierEgressNodePeers: 'a nodes peer matches node addresses; the hostNetwork server has its node address, which manifests cannot tie to a node',
};

type Doc = Record<string, any>;

/** The suite renders {{ index .HostNetworkPorts N }} in its manifests at run time. */
function readDocuments(file: string): Doc[] {
  const text = fs.readFileSync(file, 'utf8').replace(/\{\{ index \.HostNetworkPorts (\d) \}\}/g, (_, index) => String(hostNetworkPort(Number(index))));
  return parseAllDocuments(text).map((document) => document.toJS()).filter((doc) => doc);
}

function pod(reference: string): string {
  const [house, name] = reference.split('/');
  return `${NAMESPACE_PREFIX}${house}/${name}`;
}

function clusterPolicy(docs: Doc[], name: string): Doc {
  const found = docs.find((doc) => doc.kind === 'ClusterNetworkPolicy' && doc.metadata.name === name);
  if (!found) {
    throw new Error(`no ClusterNetworkPolicy ${name} in the scenario's manifests`);
  }
  return found;
}

function apply(docs: Doc[], mutation: Mutation): Doc[] {
  switch (mutation.kind) {
    case 'swapRules': {
      const rules = clusterPolicy(docs, mutation.policy).spec[mutation.direction];
      [rules[mutation.a], rules[mutation.b]] = [rules[mutation.b], rules[mutation.a]];
      return docs;
    }
    case 'setAction':
      clusterPolicy(docs, mutation.policy).spec[mutation.direction][mutation.index].action = mutation.action;
      return docs;
    case 'setPriority':
      clusterPolicy(docs, mutation.policy).spec.priority = mutation.priority;
      return docs;
    case 'setProtocols':
      clusterPolicy(docs, mutation.policy).spec[mutation.direction][mutation.index].protocols = mutation.protocols;
      return docs;
    case 'prependRule': {
      const spec = clusterPolicy(docs, mutation.policy).spec;
      spec[mutation.direction] = [mutation.rule, ...(spec[mutation.direction] ?? [])];
      return docs;
    }
    case 'setNamespaceLabels': {
      const namespace = docs.find((doc) => doc.kind === 'Namespace' && doc.metadata.name === NAMESPACE_PREFIX + mutation.namespace)!;
      namespace.metadata.labels = { ...mutation.labels };
      return docs;
    }
    case 'deleteNetworkPolicy':
      return docs.filter((doc) => !(doc.kind === 'NetworkPolicy' && doc.metadata.namespace === NAMESPACE_PREFIX + mutation.namespace && doc.metadata.name === mutation.name));
  }
}

interface ReachJson {
  readonly allowed: [string, string][];
  readonly ambiguous?: [string, string][];
}

async function reach(docs: Doc[], poke: Poke): Promise<ReachJson> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-tier-conformance-'));
  try {
    const file = path.join(dir, 'estate.yaml');
    fs.writeFileSync(file, docs.map((doc) => stringify(doc)).join('---\n'));
    const result = await runCli(['reach', file, '--port', String(poke.port), '--protocol', poke.protocol, '--format', 'json']);
    if (result.code !== 0) {
      throw new Error(`netpol reach failed (${result.code}): ${result.stderr}`);
    }
    return JSON.parse(result.stdout) as ReachJson;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function hasPair(pairs: readonly [string, string][] | undefined, from: string, to: string): boolean {
  return (pairs ?? []).some(([a, b]) => a === from && b === to);
}

/** One row per poke: what netpol says, next to what the suite expects. */
async function run(scenario: ConformanceScenario): Promise<{ step: string; poke: string; verdict: string; expected: string }[]> {
  let docs = [path.join(FIXTURES, 'cluster.yaml'), ...scenario.manifests.map((manifest) => path.join(FIXTURES, 'upstream', manifest))].flatMap(readDocuments);
  const rows: { step: string; poke: string; verdict: string; expected: string }[] = [];
  for (const step of scenario.steps) {
    for (const op of step.ops) {
      if (op.kind !== 'poke') {
        docs = apply(docs, op);
        continue;
      }
      const result = await reach(docs, op);
      const from = pod(op.from);
      const to = pod(op.to);
      const verdict = hasPair(result.allowed, from, to) ? 'connects' : hasPair(result.ambiguous, from, to) ? 'ambiguous' : 'refused';
      const expected = UNDECIDABLE[scenario.name] ? 'ambiguous' : op.connects ? 'connects' : 'refused';
      rows.push({ step: step.name, poke: `${op.from} -> ${op.to} ${op.port}/${op.protocol}`, verdict, expected });
    }
  }
  return rows;
}

describe('network-policy-api conformance scenarios through netpol reach', () => {
  it('the fixture gives each pod the address podIp says', () => {
    const pods = readDocuments(path.join(FIXTURES, 'cluster.yaml')).filter((doc) => doc.kind === 'Pod' && !doc.spec.hostNetwork);
    for (const doc of pods) {
      expect(doc.status.podIP).toBe(podIp(`${doc.metadata.namespace.slice(NAMESPACE_PREFIX.length)}/${doc.metadata.name}`));
    }
    expect(pods).toHaveLength(8);
  });

  it.each(CONFORMANCE_SCENARIOS.map((scenario) => [scenario.name, scenario] as const))('%s', async (_, scenario) => {
    const rows = await run(scenario);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map(({ step, poke, verdict }) => ({ step, poke, verdict }))).toEqual(rows.map(({ step, poke, expected }) => ({ step, poke, verdict: expected })));
  });
});
