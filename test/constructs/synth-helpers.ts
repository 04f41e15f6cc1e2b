import { Chart, Testing } from 'cdk8s';
import { ClusterPolicyChart, ClusterPolicyChartProps, NamespacePolicyChart } from '../../lib';

/** A fresh app with a chart for namespace `production`, as in the issue. */
export function productionChart(): NamespacePolicyChart {
  return new NamespacePolicyChart(Testing.app(), 'production', { namespace: 'production' });
}

/** The synthesized spec of the policy named `name` in the chart. */
export function specOf(chart: NamespacePolicyChart, name: string): unknown {
  const policy = Testing.synth(chart).find((object) => object.metadata.name === name);
  if (!policy) {
    throw new Error(`no policy named ${name}`);
  }
  return policy.spec;
}

/** Runs `synth` with stderr captured; returns the warning lines printed. */
export function captureWarnings(synth: () => unknown): string[] {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    synth();
  } finally {
    spy.mockRestore();
  }
  return lines;
}

/** The error message `synth` throws (fails the test when it does not throw). */
export function synthError(synth: () => unknown): string {
  let message: string | undefined;
  captureWarnings(() => {
    try {
      synth();
    } catch (error) {
      message = (error as Error).message;
    }
  });
  if (message === undefined) {
    throw new Error('expected synthesis to be refused, but it succeeded');
  }
  return message;
}


/** A fresh app with the cluster-scoped chart `platform`. */
export function platformChart(props: ClusterPolicyChartProps = {}): ClusterPolicyChart {
  return new ClusterPolicyChart(Testing.app(), 'platform', props);
}

/** The synthesized objects of `chart`, warnings captured (and returned with them). */
export function synthQuietly(chart: Chart): { objects: any[]; warnings: string[] } {
  let objects: any[] = [];
  const warnings = captureWarnings(() => (objects = Testing.synth(chart)));
  return { objects, warnings };
}
