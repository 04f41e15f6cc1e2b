import { STDIN_PATH } from '../manifests';
import type { ReviewedFinding } from '../report';
import { FilePositions } from './manifest-locator';

/**
 * The findings with the line and column of their field and of their object, read again from
 * their files (SARIF and JUnit point at lines). Standard input, and files that no longer read, get no position.
 */
export async function locateFindings(findings: readonly ReviewedFinding[]): Promise<ReviewedFinding[]> {
  const positions = new FilePositions();
  return Promise.all(
    findings.map(async (finding) => {
      if (finding.file === STDIN_PATH || finding.documentIndex === undefined) {
        return finding;
      }
      const found = await positions.of(finding.file);
      const position = found?.find(finding.documentIndex, finding.path);
      const objectPosition = found?.find(finding.documentIndex, '');
      return { ...finding, ...(position ? { position } : {}), ...(objectPosition ? { objectPosition } : {}) };
    }),
  );
}
