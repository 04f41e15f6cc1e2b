'use strict';

const { Chart } = require('cdk8s');
const { k8s } = require('cdk8s-plus-28');
const { LABELS, MONITORING_NAMESPACE, synthNamespace } = require('./synth-estate-plan');

/**
 * The same chart as buildDslChart, written by hand as L1 `k8s.KubeNetworkPolicy` objects:
 * what a user writes without the DSL, and the baseline the DSL's overhead is measured against.
 */

/**
 * A plain Chart that renders only its own objects (cdk8s's `Chart.toJson()` resolves
 * dependencies over and validates the whole app first). The estate has no dependencies and
 * L1 objects no validations, so the output is the same; what is left is the linear floor of
 * building and rendering the objects, which the DSL's per-chart rendering is compared with.
 */
class SelfRenderingChart extends Chart {
  toJson() {
    return this.apiObjects.map((object) => object.toJson());
  }
}

const NAME_LABEL = 'kubernetes.io/metadata.name';
const PRIVATE_IPV4 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'];
const PRIVATE_IPV6 = ['fc00::/7', 'fe80::/10'];

const tcp = (port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) });
const udp = (port) => ({ protocol: 'UDP', port: k8s.IntOrString.fromNumber(port) });
const pods = (labels) => ({ matchLabels: labels });

/**
 * Builds namespace chart `index` from raw L1 objects and returns it: in a plain cdk8s Chart,
 * or with `selfRendering` in a SelfRenderingChart.
 */
function buildRawChart(app, index, { selfRendering = false } = {}) {
  const namespace = synthNamespace(index);
  const chart = new (selfRendering ? SelfRenderingChart : Chart)(app, namespace, { namespace });
  const policy = (name, spec) => new k8s.KubeNetworkPolicy(chart, name, { metadata: { name }, spec });
  policy('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  policy('allow-dns', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [{ namespaceSelector: pods({ [NAME_LABEL]: 'kube-system' }), podSelector: pods({ 'k8s-app': 'kube-dns' }) }],
        ports: [udp(53), tcp(53)],
      },
    ],
  });
  policy('allow-web-to-api', {
    podSelector: pods(LABELS.api),
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: pods(LABELS.web) }], ports: [tcp(8080)] }],
  });
  policy('web-egress-api', {
    podSelector: pods(LABELS.web),
    policyTypes: ['Egress'],
    egress: [{ to: [{ podSelector: pods(LABELS.api) }], ports: [tcp(8080)] }],
  });
  policy('allow-api-to-db', {
    podSelector: pods(LABELS.db),
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ podSelector: pods(LABELS.api) }], ports: [tcp(5432)] }],
  });
  policy('allow-scrape', {
    podSelector: {},
    policyTypes: ['Ingress'],
    ingress: [
      {
        from: [{ namespaceSelector: pods({ [NAME_LABEL]: MONITORING_NAMESPACE }), podSelector: pods(LABELS.prometheus) }],
        ports: [tcp(9090)],
      },
    ],
  });
  policy('web-https', {
    podSelector: pods(LABELS.web),
    policyTypes: ['Egress'],
    egress: [
      {
        to: [
          { ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_IPV4 } },
          { ipBlock: { cidr: '::/0', except: PRIVATE_IPV6 } },
        ],
        ports: [tcp(443)],
      },
    ],
  });
  return chart;
}

module.exports = { buildRawChart };
