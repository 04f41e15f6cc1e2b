import { Explanation } from '../../lib/analysis/types';
import { renderExplainJson, renderExplainText } from '../../lib/report';

const allowed: Explanation = {
  from: { kind: 'endpoint', id: 'production/api' },
  to: { kind: 'endpoint', id: 'production/db' },
  probe: { port: 5432, protocol: 'TCP' },
  allowed: true,
  egress: {
    direction: 'egress',
    endpoint: 'production/api',
    isolated: false,
    selectedBy: [],
    allowedBy: [],
    allowed: true,
  },
  ingress: {
    direction: 'ingress',
    endpoint: 'production/db',
    isolated: true,
    selectedBy: ['production/allow-api-to-db', 'production/default-deny'],
    allowedBy: [{ policy: 'production/allow-api-to-db', direction: 'ingress', ruleIndex: 0 }],
    allowed: true,
  },
};

const deniedFromOutside: Explanation = {
  from: { kind: 'external', ip: '203.0.113.9' },
  to: { kind: 'endpoint', id: 'production/db' },
  probe: { port: 5432, protocol: 'TCP' },
  allowed: false,
  ingress: {
    direction: 'ingress',
    endpoint: 'production/db',
    isolated: true,
    selectedBy: ['production/default-deny'],
    allowedBy: [],
    allowed: false,
  },
};

describe('explain renderers', () => {
  test('text names the verdict, isolation and the allowing rule', () => {
    expect(renderExplainText(allowed)).toBe(
      [
        'production/api -> production/db on TCP/5432: ALLOWED',
        'egress from production/api: allowed: not isolated (no policy in production selects it for egress)',
        'ingress to production/db: allowed',
        '  isolated by: production/allow-api-to-db, production/default-deny',
        '  allowed by: production/allow-api-to-db spec.ingress[0]',
        '',
      ].join('\n'),
    );
  });

  test('text says why nothing allows a denied flow, and that outside sources are judged on one side', () => {
    expect(renderExplainText(deniedFromOutside)).toBe(
      [
        '203.0.113.9 (external) -> production/db on TCP/5432: DENIED',
        'egress: not judged (203.0.113.9 (external) is outside the cluster)',
        'ingress to production/db: DENIED',
        '  isolated by: production/default-deny',
        '  no ingress rule of these policies allows TCP/5432 from 203.0.113.9 (external)',
        '',
      ].join('\n'),
    );
  });

  test('json keeps both directions with rule references as data and text', () => {
    const data = JSON.parse(renderExplainJson(allowed));
    expect(data.allowed).toBe(true);
    expect(data.port).toBe(5432);
    expect(data.protocol).toBe('TCP');
    expect(data.egress).toEqual({ endpoint: 'production/api', isolated: false, allowed: true, selectedBy: [], allowedBy: [] });
    expect(data.ingress.allowedBy).toEqual([
      { policy: 'production/allow-api-to-db', direction: 'ingress', ruleIndex: 0, text: 'production/allow-api-to-db spec.ingress[0]' },
    ]);
    expect(JSON.parse(renderExplainJson(deniedFromOutside)).egress).toBeNull();
  });
});
