import { ApiObject, Chart, DependencyGraph } from 'cdk8s';
import { IConstruct } from 'constructs';
import { refreshEstateChecks } from './estate-checks';

/**
 * Renders one chart as cdk8s's `Chart.toJson()` does (`App._synthChart`: resolve the
 * dependencies, validate, render the chart's own ApiObjects in dependency order), with the
 * first two confined to the chart's subtree instead of the whole app, so rendering N charts
 * one after another is linear, not quadratic. Only cdk8s's public API is used; the ordering
 * is the same as cdk8s's (a test compares both), because the dependency edges between
 * objects of the chart come only from dependencies declared inside it.
 *
 * The difference: the validations of constructs in other charts do not run here (they run
 * when their chart is rendered, and all of them in `app.synth()`'s first pass). The app-wide
 * checks of the namespaces of the chart's policies do.
 */
export function synthesizeChart(chart: Chart): any[] {
  const subtree = new SubtreeCache();
  resolveDependencies(chart, subtree);
  refreshEstateChecks(chart);
  const errors: string[] = [];
  for (const node of subtree.findAll(chart)) {
    for (const error of node.node.validate()) {
      errors.push(`[${node.node.path}] ${error}`);
    }
  }
  if (errors.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  }
  return new DependencyGraph(chart.node)
    .topology()
    .filter((node): node is ApiObject => node instanceof ApiObject && Chart.of(node) === chart)
    .map((object) => object.toJson());
}

/** `node.findAll()` once per node for one rendering. */
class SubtreeCache {
  private readonly found = new Map<IConstruct, IConstruct[]>();

  public findAll(scope: IConstruct): IConstruct[] {
    let nodes = this.found.get(scope);
    if (!nodes) {
      nodes = scope.node.findAll();
      this.found.set(scope, nodes);
    }
    return nodes;
  }
}

interface Dependency {
  readonly source: IConstruct;
  readonly target: IConstruct;
}

function dependenciesUnder(chart: Chart, subtree: SubtreeCache): Dependency[] {
  return subtree.findAll(chart).flatMap((source) => source.node.dependencies.map((target) => ({ source, target })));
}

/**
 * cdk8s's `resolveDependencies` with its sources confined to the chart: nested charts become
 * dependencies of their parent, a dependency between constructs becomes one between their
 * charts and between their ApiObjects. Every edge it adds starts at its source, so the edges
 * inside the chart are exactly those the app-wide pass adds.
 */
function resolveDependencies(chart: Chart, subtree: SubtreeCache): void {
  for (const parent of subtree.findAll(chart).filter((node): node is Chart => node instanceof Chart)) {
    for (const child of parent.node.children.filter((node) => node instanceof Chart)) {
      parent.node.addDependency(child);
    }
  }
  for (const { source, target } of dependenciesUnder(chart, subtree)) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
    }
  }
  for (const { source, target } of dependenciesUnder(chart, subtree)) {
    const sourceChart = Chart.of(source);
    const targetChart = Chart.of(target);
    const targets = subtree.findAll(target).filter((node) => node instanceof ApiObject && Chart.of(node) === targetChart);
    const sources = subtree.findAll(source).filter((node) => node instanceof ApiObject && Chart.of(node) === sourceChart);
    for (const to of targets) {
      for (const from of sources) {
        if (to !== from) {
          from.node.addDependency(to);
        }
      }
    }
  }
}
