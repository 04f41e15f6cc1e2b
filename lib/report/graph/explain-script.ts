/**
 * The page's explainer (plain browser JavaScript, shipped as text): `netpolExplainer(data)`
 * over the data of graphPageData answers, for two nodes, why each direction allows or denies
 * a flow, worked out from the rule tables as Analyzer.explain does it, and writes the answer
 * as renderExplainText writes it. test/report/graph-explain-script.test.ts holds the two to
 * the same text for every pair and probe of its estates.
 */
export const EXPLAIN_SCRIPT = String.raw`
function netpolExplainer(data) {
  'use strict';
  var tables = data.tables;

  function nodeId(node) {
    return node[1] < 0 ? node[0] : data.namespaces[node[1]] + '/' + node[0];
  }

  function classHas(ranges, classIndex) {
    for (var i = 0; i < ranges.length; i += 2) {
      if (ranges[i] <= classIndex && classIndex <= ranges[i + 1]) { return true; }
    }
    return false;
  }

  function containerPorts(side) {
    return side.classIndex === undefined ? [] : tables.containerPorts[tables.classPorts[side.classIndex]];
  }

  function portsMatch(ports, probe, destinationPorts) {
    if (ports === null) { return true; }
    return ports.some(function (entry) {
      if (entry[0] !== probe[0]) { return false; }
      if (typeof entry[1] === 'number') { return entry[1] <= probe[1] && probe[1] <= entry[2]; }
      return destinationPorts.some(function (port) { return port[0] === entry[1] && port[2] === entry[0] && port[1] === probe[1]; });
    });
  }

  function verdict(direction, deciding, other, probe) {
    var destinationPorts = containerPorts(direction === 'ingress' ? deciding : other);
    var policies = tables.isolating[direction][deciding.classIndex];
    var allowedBy = [];
    policies.forEach(function (policy) {
      (tables.rules[direction][policy] || []).forEach(function (rule) {
        var admits = other.classIndex === undefined ? rule[2].indexOf(other.address) >= 0 : classHas(rule[1], other.classIndex);
        if (admits && portsMatch(rule[3], probe, destinationPorts)) {
          allowedBy.push({ policy: tables.policies[policy], direction: direction, ruleIndex: rule[0] });
        }
      });
    });
    return {
      direction: direction,
      endpoint: deciding.id,
      isolated: policies.length > 0,
      selectedBy: policies.map(function (policy) { return tables.policies[policy]; }),
      allowedBy: allowedBy,
      allowed: policies.length === 0 || allowedBy.length > 0
    };
  }

  function explainSides(from, to, probe) {
    var egress = from.classIndex === undefined ? undefined : verdict('egress', from, to, probe);
    var ingress = to.classIndex === undefined ? undefined : verdict('ingress', to, from, probe);
    return { from: from, to: to, probe: probe, egress: egress, ingress: ingress,
      allowed: (!egress || egress.allowed) && (!ingress || ingress.allowed) };
  }

  /** The sides a node stands for: the endpoint, or each probed address of an outside peer. */
  function sides(nodeIndex) {
    var node = data.nodes[nodeIndex];
    if (node[1] >= 0) { return [{ id: nodeId(node), namespace: data.namespaces[node[1]], classIndex: node[2] }]; }
    return node[4].map(function (address) { return { ip: tables.addresses[address], address: address }; });
  }

  /** For an outside network, the first of its addresses the probe may pass (or the first). */
  function explain(fromIndex, toIndex, probe) {
    var explanations = [];
    sides(fromIndex).forEach(function (from) {
      sides(toIndex).forEach(function (to) { explanations.push(explainSides(from, to, probe)); });
    });
    return explanations.filter(function (explanation) { return explanation.allowed; })[0] || explanations[0];
  }

  function formatPeer(side) {
    return side.classIndex === undefined ? side.ip + ' (external)' : side.id;
  }

  function renderDirection(result, other, explanation) {
    var side = result.direction === 'egress' ? 'egress from ' + result.endpoint : 'ingress to ' + result.endpoint;
    var status = result.allowed ? 'allowed' : 'DENIED';
    if (!result.isolated) {
      var namespace = result.endpoint.slice(0, result.endpoint.indexOf('/'));
      return [side + ': ' + status + ': not isolated (no policy in ' + namespace + ' selects it for ' + result.direction + ')'];
    }
    var lines = [side + ': ' + status, '  isolated by: ' + result.selectedBy.join(', ')];
    if (result.allowed) {
      result.allowedBy.forEach(function (rule) { lines.push('  allowed by: ' + rule.policy + ' spec.' + rule.direction + '[' + rule.ruleIndex + ']'); });
    } else {
      lines.push('  no ' + result.direction + ' rule of these policies allows ' + explanation.probe[0] + '/' + explanation.probe[1] +
        ' ' + (result.direction === 'egress' ? 'to' : 'from') + ' ' + formatPeer(other));
    }
    return lines;
  }

  function render(explanation) {
    var from = explanation.from;
    var to = explanation.to;
    var lines = [formatPeer(from) + ' -> ' + formatPeer(to) + ' on ' + explanation.probe[0] + '/' + explanation.probe[1] + ': ' +
      (explanation.allowed ? 'ALLOWED' : 'DENIED')];
    if (explanation.egress) { lines = lines.concat(renderDirection(explanation.egress, to, explanation)); }
    else { lines.push('egress: not judged (' + formatPeer(from) + ' is outside the cluster)'); }
    if (explanation.ingress) { lines = lines.concat(renderDirection(explanation.ingress, from, explanation)); }
    else { lines.push('ingress: not judged (' + formatPeer(to) + ' is outside the cluster)'); }
    return lines.join('\n') + '\n';
  }

  return {
    nodeId: nodeId,
    explain: explain,
    /** The explanation text of a flow at one probe ([protocol, port]). */
    explainText: function (fromIndex, toIndex, probe) { return render(explain(fromIndex, toIndex, probe)); },
    /** The policies whose rules allow the flow at any of the probes, per direction ('open' when not isolated). */
    allowingPolicies: function (fromIndex, toIndex, probes) {
      var found = { egress: [], ingress: [] };
      var open = { egress: false, ingress: false };
      probes.forEach(function (probe) {
        var explanation = explain(fromIndex, toIndex, probe);
        ['egress', 'ingress'].forEach(function (direction) {
          var result = explanation[direction];
          if (!result) { return; }
          if (!result.isolated) { open[direction] = true; }
          result.allowedBy.forEach(function (rule) {
            if (found[direction].indexOf(rule.policy) < 0) { found[direction].push(rule.policy); }
          });
        });
      });
      return { egress: found.egress, ingress: found.ingress, open: open };
    }
  };
}
`;
