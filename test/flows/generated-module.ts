import { Construct } from 'constructs';
import * as ts from 'typescript';

/**
 * Loads the module `netpol generate` writes, transpiled in memory, with `cdk8s-netpol` resolved
 * to `dsl` (the built library, or lib/ when the testing helpers must see the same classes).
 */
export function loadGeneratedEstate(source: string, dsl: string): (app: Construct) => void {
  const javascript = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const exports: { defineObservedEstate?: (app: Construct) => void } = {};
  new Function('exports', 'require', javascript)(exports, (name: string) => require(name === 'cdk8s-netpol' ? dsl : name));
  if (!exports.defineObservedEstate) {
    throw new Error('the generated module exports no defineObservedEstate');
  }
  return exports.defineObservedEstate;
}
