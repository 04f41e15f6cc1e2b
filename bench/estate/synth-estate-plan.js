'use strict';

/**
 * What each namespace chart of the synth benchmark holds, shared by the DSL build and the
 * raw `k8s.KubeNetworkPolicy` build so both describe the same estate.
 */

/** The namespace of chart `index`. */
function synthNamespace(index) {
  return `shop-${String(index).padStart(4, '0')}`;
}

/** Pod labels of the three workloads in every namespace, and the scraper elsewhere. */
const LABELS = {
  web: { app: 'web' },
  api: { app: 'api' },
  db: { app: 'postgres' },
  prometheus: { app: 'prometheus' },
};

const MONITORING_NAMESPACE = 'monitoring';

/** The seven construct ids per chart, in construction order. */
const POLICY_NAMES = [
  'default-deny',
  'allow-dns',
  'allow-web-to-api',
  'web-egress-api',
  'allow-api-to-db',
  'allow-scrape',
  'web-https',
];

module.exports = { synthNamespace, LABELS, MONITORING_NAMESPACE, POLICY_NAMES };
