'use strict';

const { LABELS, MONITORING_NAMESPACE, synthNamespace } = require('./synth-estate-plan');

/** Builds namespace chart `index` of seven constructs with the project's DSL and returns it. */
function buildDslChart(lib, app, index) {
  const { NamespacePolicyChart, DefaultDeny, AllowDns, AllowFrom, AllowTo, ExternalHttps, Workload, Port } = lib;
  const namespace = synthNamespace(index);
  const chart = new NamespacePolicyChart(app, namespace, { namespace });
  const web = Workload.select(LABELS.web);
  const api = Workload.select(LABELS.api);
  const db = Workload.select(LABELS.db);
  const prometheus = Workload.select(LABELS.prometheus, { namespace: MONITORING_NAMESPACE });
  new DefaultDeny(chart, 'default-deny');
  new AllowDns(chart, 'allow-dns');
  new AllowFrom(chart, 'allow-web-to-api', { pods: api, from: web, ports: [Port.tcp(8080)] });
  new AllowTo(chart, 'web-egress-api', { pods: web, to: api, ports: [Port.tcp(8080)] });
  new AllowFrom(chart, 'allow-api-to-db', { pods: db, from: api, ports: [Port.tcp(5432)] });
  new AllowFrom(chart, 'allow-scrape', { pods: Workload.all(), from: prometheus, ports: [Port.tcp(9090)] });
  new ExternalHttps(chart, 'web-https', { pods: web });
  return chart;
}

module.exports = { buildDslChart };
