import { validateNetworkPolicy } from '../../lib/validate';
import { API_SERVER_CASES } from './api-server-cases';

describe('validateNetworkPolicy on the API server cases', () => {
  it.each(API_SERVER_CASES.map((c) => [c.description, c] as const))('%s', (_description, { policy, errorPaths }) => {
    const errors = validateNetworkPolicy(policy).filter((finding) => finding.severity === 'error');
    expect(errors.map((finding) => finding.path)).toEqual(errorPaths);
  });

  it('has both valid and invalid cases from the Kubernetes test', () => {
    expect(API_SERVER_CASES.filter((c) => c.errorPaths.length === 0).length).toBeGreaterThanOrEqual(17);
    expect(API_SERVER_CASES.filter((c) => c.errorPaths.length > 0).length).toBeGreaterThanOrEqual(30);
  });
});
