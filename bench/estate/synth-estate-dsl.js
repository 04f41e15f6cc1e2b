'use strict';

const { LABELS, MONITORING_NAMESPACE, synthNamespace } = require('./synth-estate-plan');

/** Builds `charts` namespace charts of seven constructs each with the project's DSL. */
function buildDslEstate(lib, app, charts) {
  const { NamespacePolicyChart, DefaultDeny, AllowDns, AllowFrom, AllowTo, ExternalHttps, Workload, Port } = lib;
  for (let i = 0; i < charts; i++) {
    const namespace = synthNamespace(i);
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
  }
}

module.exports = { buildDslEstate };
