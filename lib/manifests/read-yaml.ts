import { YamlDocuments, readYamlExact } from './exact-yaml';
import { readYamlFast } from './fast-yaml';

/** The documents of a YAML text: by the fast reader, or by the exact one for text the fast one declines or refuses. */
export function readYaml(text: string): YamlDocuments {
  const fast = readYamlFast(text);
  return fast ? { values: fast } : readYamlExact(text);
}
