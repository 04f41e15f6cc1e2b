import { FieldPositions, STDIN_PATH, readInput } from '../manifests';
import type { ReviewedFinding } from '../report';

/**
 * The findings with the line and column of their field and of their object, read again from
 * their files (SARIF and JUnit point at lines). Standard input, and files that no longer read, get no position.
 */
export async function locateFindings(findings: readonly ReviewedFinding[]): Promise<ReviewedFinding[]> {
  const positions = new Map<string, Promise<FieldPositions | undefined>>();
  const positionsOf = (file: string): Promise<FieldPositions | undefined> => {
    let found = positions.get(file);
    if (!found) {
      found = readInput(file).then(
        (text) => new FieldPositions(text),
        () => undefined,
      );
      positions.set(file, found);
    }
    return found;
  };
  return Promise.all(
    findings.map(async (finding) => {
      if (finding.file === '' || finding.file === STDIN_PATH || finding.documentIndex === undefined) {
        return finding;
      }
      const positions = await positionsOf(finding.file);
      const position = positions?.find(finding.documentIndex, finding.path);
      const objectPosition = positions?.find(finding.documentIndex, '');
      return { ...finding, ...(position ? { position } : {}), ...(objectPosition ? { objectPosition } : {}) };
    }),
  );
}
