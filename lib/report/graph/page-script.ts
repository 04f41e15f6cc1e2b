/**
 * The report page's own script (plain browser JavaScript, kept as text so it ships inside the
 * HTML file). It reads the embedded JSON and draws: the namespace overview (laid out by dagre,
 * a namespace opens in place into its workloads; above OVERVIEW_EDGE_LIMIT arrows, a list of
 * namespaces to focus on one at a time), the workload view, the port matrix and the isolation
 * table. Explanations come from netpolExplainer (explain-script.ts) when something is clicked.
 * Every text goes in through textContent, never as markup.
 */
export const GRAPH_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var CHAR_WIDTH = 7.8; // 13px monospace
  var OVERVIEW_EDGE_LIMIT = 300;
  var MATRIX_COLUMN_LIMIT = 40;
  var OPEN_GROUP_LIMIT = 40;
  var LISTED_PAIRS_LIMIT = 100;
  var data = JSON.parse(document.getElementById('graph-data').textContent);
  var explainer = netpolExplainer(data);
  var panel = document.getElementById('explanation');
  var tables = data.tables;

  var nodes = data.nodes.map(function (node, index) {
    return { index: index, name: node[0], namespace: node[1], classIndex: node[2], roles: node[3], id: explainer.nodeId(node) };
  });
  var outgoing = nodes.map(function () { return []; });
  var incoming = nodes.map(function () { return []; });
  data.flows.forEach(function (row) {
    for (var k = 1; k < row.length; k += 2) {
      outgoing[row[0]].push([row[k], row[k + 1]]);
      incoming[row[k]].push([row[0], row[k + 1]]);
    }
  });
  var byNamespace = data.namespaces.map(function () { return []; });
  var outside = [];
  nodes.forEach(function (node) { (node.namespace < 0 ? outside : byNamespace[node.namespace]).push(node); });

  function element(tag, attributes, parent, content) {
    var created = attributes && attributes.svg ? document.createElementNS(SVG, tag) : document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name !== 'svg') { created.setAttribute(name, attributes[name]); }
    });
    if (content !== undefined) { created.textContent = content; }
    if (parent) { parent.appendChild(created); }
    return created;
  }

  function svg(tag, attributes, parent, content) {
    attributes.svg = true;
    return element(tag, attributes, parent, content);
  }

  function portLabel(portSet) { return data.portSets[portSet][0]; }

  function isolationText(node, direction) {
    if (node.classIndex < 0) { return 'outside the cluster'; }
    var policies = tables.isolating[direction][node.classIndex];
    return policies.length === 0 ? 'not isolated: everything allowed'
      : 'isolated by ' + policies.map(function (policy) { return tables.policies[policy]; }).join(', ');
  }

  function ingressOpen(node) { return node.classIndex >= 0 && tables.isolating.ingress[node.classIndex].length === 0; }

  // ---- explanations --------------------------------------------------------------------------

  function probesOf(portSet) {
    return data.probe ? [data.probe] : data.portSets[portSet][1];
  }

  function explainPair(from, to, portSet) {
    panel.textContent = '';
    element('h3', {}, panel, nodes[from].id + ' \u2192 ' + nodes[to].id);
    element('p', {}, panel, 'allowed: ' + portLabel(portSet));
    if (data.explanationNote) { element('p', { 'class': 'legend' }, panel, data.explanationNote); }
    probesOf(portSet).forEach(function (probe) {
      element('pre', {}, panel, explainer.explainText(from, to, probe));
    });
    var ranges = data.portSets[portSet][2];
    if (!data.probe && ranges > data.portSets[portSet][1].length) {
      element('p', { 'class': 'legend' }, panel, '(explained at the first port of ' + data.portSets[portSet][1].length + ' of ' + ranges + ' allowed ranges)');
    }
  }

  function listPairs(title, pairs) {
    panel.textContent = '';
    element('h3', {}, panel, title);
    var list = element('ul', { 'class': 'pairs' }, panel);
    pairs.slice(0, LISTED_PAIRS_LIMIT).forEach(function (pair) {
      var item = element('li', {}, list);
      var button = element('button', { type: 'button', 'class': 'link' }, item, nodes[pair[0]].id + ' \u2192 ' + nodes[pair[1]].id + ': ' + portLabel(pair[2]));
      button.addEventListener('click', function () { explainPair(pair[0], pair[1], pair[2]); });
    });
    if (pairs.length > LISTED_PAIRS_LIMIT) {
      element('p', { 'class': 'legend' }, panel, pairs.length - LISTED_PAIRS_LIMIT + ' more: open the namespaces to see them.');
    }
  }

  // ---- overview ------------------------------------------------------------------------------

  var expanded = {};
  var focus = null;

  function unitOf(node) {
    if (node.namespace < 0) { return 'x:' + node.index; }
    return expanded[node.namespace] ? 'w:' + node.index : 'ns:' + node.namespace;
  }

  function foldedEdges() {
    var edges = {};
    var inside = {};
    nodes.forEach(function (fromNode) {
      var from = unitOf(fromNode);
      outgoing[fromNode.index].forEach(function (flow) {
        if (flow[0] === fromNode.index) { return; }
        var to = unitOf(nodes[flow[0]]);
        if (from === to) { inside[from] = (inside[from] || 0) + 1; return; }
        var key = from + '>' + to;
        var edge = edges[key] || (edges[key] = { from: from, to: to, pairs: [] });
        edge.pairs.push([fromNode.index, flow[0], flow[1]]);
      });
    });
    return { edges: Object.keys(edges).map(function (key) { return edges[key]; }), inside: inside };
  }

  function unitNamespace(unit) {
    if (unit.indexOf('ns:') === 0) { return Number(unit.slice(3)); }
    return nodes[Number(unit.slice(2))].namespace;
  }

  function flowCount(count) { return count + (count === 1 ? ' flow' : ' flows'); }

  function drawOverview() {
    var folded = foldedEdges();
    var edges = folded.edges;
    var tiles = document.getElementById('tiles');
    var root = document.getElementById('overview');
    var controls = document.getElementById('overview-controls');
    root.textContent = '';
    tiles.textContent = '';
    controls.textContent = '';
    var large = edges.length > OVERVIEW_EDGE_LIMIT;
    if (large && focus === null) {
      root.setAttribute('width', 0);
      root.setAttribute('height', 0);
      drawTiles(tiles, edges);
      return;
    }
    if (large) {
      edges = edges.filter(function (edge) { return unitNamespace(edge.from) === focus || unitNamespace(edge.to) === focus; });
      var back = element('button', { type: 'button', id: 'all-namespaces' }, controls, '\u2190 all namespaces');
      back.addEventListener('click', function () { focus = null; expanded = {}; drawOverview(); });
    }
    var units = {};
    edges.forEach(function (edge) { units[edge.from] = true; units[edge.to] = true; });
    var shown = function (unit) { return !large || units[unit] || unitNamespace(unit) === focus; };
    var g = new dagre.graphlib.Graph({ compound: true });
    g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 70, marginx: 12, marginy: 28 });
    g.setDefaultEdgeLabel(function () { return {}; });
    var boxes = [];
    data.namespaces.forEach(function (namespace, index) {
      if (expanded[index]) {
        var members = byNamespace[index].filter(function (node) { return shown('w:' + node.index); });
        if (members.length === 0) { return; }
        g.setNode('c:' + index, {});
        members.forEach(function (node) {
          g.setNode('w:' + node.index, { width: node.name.length * CHAR_WIDTH + 24, height: 30 });
          g.setParent('w:' + node.index, 'c:' + index);
          boxes.push({ key: 'w:' + node.index, kind: 'workload', node: node });
        });
        boxes.push({ key: 'c:' + index, kind: 'cluster', namespace: index });
      } else if (shown('ns:' + index)) {
        var detail = byNamespace[index].length + (byNamespace[index].length === 1 ? ' workload, ' : ' workloads, ') + flowCount(folded.inside['ns:' + index] || 0) + ' inside';
        g.setNode('ns:' + index, { width: Math.max(namespace.length + 10, detail.length) * CHAR_WIDTH + 24, height: 44 });
        boxes.push({ key: 'ns:' + index, kind: 'namespace', namespace: index, detail: detail });
      }
    });
    outside.forEach(function (node) {
      if (shown('x:' + node.index)) {
        g.setNode('x:' + node.index, { width: (node.name.length + 10) * CHAR_WIDTH + 24, height: 30 });
        boxes.push({ key: 'x:' + node.index, kind: 'outside', node: node });
      }
    });
    edges.forEach(function (edge) {
      edge.label = edge.pairs.length === 1 ? portLabel(edge.pairs[0][2]) : flowCount(edge.pairs.length);
      g.setEdge(edge.from, edge.to, { width: edge.label.length * CHAR_WIDTH, height: 16, labelpos: 'c' });
    });
    dagre.layout(g);
    var size = g.graph();
    // Shrink a wide graph to the width of its box: the page never scrolls sideways.
    var available = root.parentNode.clientWidth - 2;
    var scale = Math.min(1, available / size.width);
    root.setAttribute('width', Math.floor(size.width * scale));
    root.setAttribute('height', Math.ceil(size.height * scale));
    root.setAttribute('viewBox', '0 0 ' + Math.ceil(size.width) + ' ' + Math.ceil(size.height));
    var marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerUnits: 'userSpaceOnUse',
      markerWidth: 10, markerHeight: 10, orient: 'auto-start-reverse' }, svg('defs', {}, root));
    svg('path', { d: 'M0,0 L10,5 L0,10 z' }, marker);

    boxes.filter(function (box) { return box.kind === 'cluster'; }).forEach(function (box) {
      var layout = g.node(box.key);
      var group = svg('g', { 'class': 'cluster', 'data-namespace': data.namespaces[box.namespace] }, root);
      svg('rect', { x: layout.x - layout.width / 2, y: layout.y - layout.height / 2 - 20, width: layout.width, height: layout.height + 20, rx: 6 }, group);
      svg('text', { x: layout.x - layout.width / 2 + 8, y: layout.y - layout.height / 2 - 6 }, group, 'namespace ' + data.namespaces[box.namespace] + ' \u25be');
      group.addEventListener('click', function (event) {
        if (event.target.tagName === 'text') { delete expanded[box.namespace]; drawOverview(); }
      });
    });

    edges.forEach(function (edge) {
      var layout = g.edge(edge.from, edge.to);
      var d = layout.points.map(function (point, index) {
        return (index === 0 ? 'M' : 'L') + point.x.toFixed(1) + ',' + point.y.toFixed(1);
      }).join(' ');
      var group = svg('g', { 'class': 'edge', 'data-from': edge.from, 'data-to': edge.to }, root);
      svg('path', { d: d, 'class': 'line', 'marker-end': 'url(#arrow)' }, group);
      svg('path', { d: d, 'class': 'hit' }, group);
      svg('text', { x: layout.x, y: layout.y + 4, 'text-anchor': 'middle' }, group, edge.label);
      group.addEventListener('click', function () {
        Array.prototype.forEach.call(root.querySelectorAll('.edge.selected'), function (other) { other.classList.remove('selected'); });
        group.classList.add('selected');
        if (edge.pairs.length === 1) { explainPair(edge.pairs[0][0], edge.pairs[0][1], edge.pairs[0][2]); }
        else { listPairs(flowCount(edge.pairs.length) + ': ' + unitTitle(edge.from) + ' \u2192 ' + unitTitle(edge.to), edge.pairs); }
      });
    });

    boxes.filter(function (box) { return box.kind !== 'cluster'; }).forEach(function (box) {
      var layout = g.node(box.key);
      var x = layout.x - layout.width / 2;
      var y = layout.y - layout.height / 2;
      var group;
      if (box.kind === 'namespace') {
        var members = byNamespace[box.namespace];
        var open = members.some(ingressOpen);
        group = svg('g', { 'class': 'namespace' + (open ? ' ingress-open' : ''), 'data-namespace': data.namespaces[box.namespace] }, root);
        svg('rect', { x: x, y: y, width: layout.width, height: layout.height, rx: 6 }, group);
        svg('text', { x: layout.x, y: y + 18, 'text-anchor': 'middle', 'class': 'title' }, group, 'namespace ' + data.namespaces[box.namespace] + ' \u25b8');
        svg('text', { x: layout.x, y: y + 35, 'text-anchor': 'middle', 'class': 'detail' }, group, box.detail);
        group.addEventListener('click', function () { expanded[box.namespace] = true; drawOverview(); });
      } else {
        var node = box.node;
        group = svg('g', { 'class': 'node' + (box.kind === 'outside' ? ' outside' : '') + (ingressOpen(node) ? ' ingress-open' : ''), 'data-id': node.id }, root);
        svg('rect', { x: x, y: y, width: layout.width, height: layout.height, rx: 4 }, group);
        svg('text', { x: layout.x, y: layout.y + 4, 'text-anchor': 'middle' }, group, box.kind === 'outside' ? node.name + ' (outside)' : node.name);
        group.addEventListener('click', function () { showWorkload(node.index, true); });
      }
    });
  }

  function unitTitle(unit) {
    if (unit.indexOf('ns:') === 0) { return 'namespace ' + data.namespaces[Number(unit.slice(3))]; }
    return nodes[Number(unit.slice(2))].id;
  }

  function drawTiles(tiles, edges) {
    var out = data.namespaces.map(function () { return {}; });
    var into = data.namespaces.map(function () { return {}; });
    edges.forEach(function (edge) {
      var from = unitNamespace(edge.from);
      var to = unitNamespace(edge.to);
      if (from >= 0) { out[from][edge.to] = true; }
      if (to >= 0) { into[to][edge.from] = true; }
    });
    element('p', { 'class': 'legend' }, tiles, edges.length + ' arrows between namespaces are too many to draw at once: pick a namespace to see it with its neighbours.');
    var list = element('div', { 'class': 'tile-list' }, tiles);
    data.namespaces.forEach(function (namespace, index) {
      var tile = element('button', { type: 'button', 'class': 'tile', 'data-namespace': namespace }, list);
      element('strong', {}, tile, namespace);
      element('span', {}, tile, byNamespace[index].length + ' workloads \u00b7 reaches ' + Object.keys(out[index]).length + ' \u00b7 reached by ' + Object.keys(into[index]).length);
      tile.addEventListener('click', function () { focus = index; expanded = {}; expanded[index] = true; drawOverview(); });
    });
  }

  // ---- workload view -------------------------------------------------------------------------

  var workloadSelect = document.getElementById('workload-select');
  var workloadView = document.getElementById('workload-view');

  function policyText(found, direction) {
    if (found[direction].length > 0) { return found[direction].join(', '); }
    return found.open[direction] ? 'not isolated' : null;
  }

  function flowEntry(list, from, to, portSet, peer) {
    var item = element('li', {}, list);
    var button = element('button', { type: 'button', 'class': 'flow', 'data-from': nodes[from].id, 'data-to': nodes[to].id }, item);
    element('span', { 'class': 'peer' }, button, nodes[peer].namespace < 0 ? nodes[peer].name + ' (outside)' : nodes[peer].name);
    element('span', { 'class': 'ports' }, button, portLabel(portSet));
    var found = explainer.allowingPolicies(from, to, probesOf(portSet));
    var policies = [policyText(found, 'egress'), policyText(found, 'ingress')];
    element('span', { 'class': 'policies' }, button, 'egress: ' + (policies[0] || 'outside') + ' \u00b7 ingress: ' + (policies[1] || 'outside'));
    button.addEventListener('click', function () { explainPair(from, to, portSet); });
  }

  function flowColumn(parent, title, flows, self, inbound) {
    flows = flows.filter(function (flow) { return flow[0] !== self; });
    var column = element('div', { 'class': inbound ? 'column inbound' : 'column outbound' }, parent);
    element('h3', {}, column, title + ' (' + flows.length + ')');
    if (flows.length === 0) { element('p', { 'class': 'legend' }, column, 'nobody'); }
    var groups = {};
    var order = [];
    flows.forEach(function (flow) {
      var namespace = nodes[flow[0]].namespace;
      var key = namespace < 0 ? 'outside the cluster' : 'namespace ' + data.namespaces[namespace];
      if (!groups[key]) { groups[key] = []; order.push(key); }
      groups[key].push(flow);
    });
    var total = flows.length;
    order.forEach(function (key) {
      var details = element('details', { 'class': 'peer-group' }, column);
      element('summary', {}, details, key + ' (' + groups[key].length + ')');
      var list = element('ul', {}, details);
      var filled = false;
      var fill = function () {
        if (filled) { return; }
        filled = true;
        groups[key].forEach(function (flow) {
          flowEntry(list, inbound ? flow[0] : self, inbound ? self : flow[0], flow[1], flow[0]);
        });
      };
      details.addEventListener('toggle', function () { if (details.open) { fill(); } });
      if (total <= OPEN_GROUP_LIMIT) { details.open = true; fill(); }
    });
  }

  function showWorkload(index, scroll) {
    var node = nodes[index];
    workloadSelect.value = String(index);
    workloadView.textContent = '';
    var view = element('div', { 'class': 'workload', 'data-id': node.id }, workloadView);
    flowColumn(view, 'May reach me', incoming[index], index, true);
    var middle = element('div', { 'class': 'column self' }, view);
    var card = element('div', { 'class': 'self-card' + (ingressOpen(node) ? ' ingress-open' : '') }, middle);
    element('h3', {}, card, node.id);
    element('p', {}, card, 'ingress: ' + isolationText(node, 'ingress'));
    element('p', {}, card, 'egress: ' + isolationText(node, 'egress'));
    flowColumn(view, 'I may reach', outgoing[index], index, false);
    if (scroll) { document.getElementById('workload-section').scrollIntoView(); }
  }

  nodes.forEach(function (node) {
    element('option', { value: String(node.index) }, workloadSelect, node.namespace < 0 ? node.name + ' (outside)' : node.id);
  });
  workloadSelect.addEventListener('change', function () { showWorkload(Number(workloadSelect.value), false); });

  // ---- port matrix ---------------------------------------------------------------------------

  var matrixFrom = document.getElementById('matrix-from');
  var matrixTo = document.getElementById('matrix-to');
  var matrixBox = document.getElementById('matrix');
  var columns = nodes.filter(function (node) { return node.roles & 2; });
  var wholeMatrix = columns.length <= MATRIX_COLUMN_LIMIT;

  function scopeOptions(select) {
    if (wholeMatrix) { element('option', { value: 'all' }, select, 'all'); }
    data.namespaces.forEach(function (namespace, index) { element('option', { value: String(index) }, select, namespace); });
    if (outside.length > 0) { element('option', { value: '-1' }, select, 'outside the cluster'); }
  }

  function inScope(node, value) { return value === 'all' || node.namespace === Number(value); }

  function drawMatrix() {
    matrixBox.textContent = '';
    var rows = nodes.filter(function (node) { return (node.roles & 1) && inScope(node, matrixFrom.value); });
    var cols = nodes.filter(function (node) { return (node.roles & 2) && inScope(node, matrixTo.value); });
    if (rows.length === 0 || cols.length === 0) { element('p', { 'class': 'legend' }, matrixBox, 'no endpoints here'); return; }
    var table = element('table', { id: 'matrix-table' }, matrixBox);
    var head = element('tr', {}, element('thead', {}, table));
    element('th', {}, head, 'from \\ to');
    cols.forEach(function (col) { element('th', { scope: 'col' }, head, col.id); });
    var body = element('tbody', {}, table);
    rows.forEach(function (row) {
      var tr = element('tr', {}, body);
      element('th', { scope: 'row' }, tr, row.id);
      var allowed = {};
      outgoing[row.index].forEach(function (flow) { allowed[flow[0]] = flow[1]; });
      cols.forEach(function (col) {
        var portSet = allowed[col.index];
        if (portSet === undefined) { element('td', { 'class': 'denied' }, tr, 'none'); return; }
        var cell = element('td', { 'class': 'allowed' }, tr, portLabel(portSet));
        cell.addEventListener('click', function () { explainPair(row.index, col.index, portSet); });
      });
    });
  }

  scopeOptions(matrixFrom);
  scopeOptions(matrixTo);
  matrixFrom.addEventListener('change', drawMatrix);
  matrixTo.addEventListener('change', drawMatrix);

  // ---- isolation -----------------------------------------------------------------------------

  var isolationSelect = document.getElementById('isolation-namespace');
  var isolationBox = document.getElementById('isolation');
  var endpoints = nodes.filter(function (node) { return node.namespace >= 0; });

  function drawIsolation() {
    isolationBox.textContent = '';
    var table = element('table', { id: 'isolation-table' }, isolationBox);
    var head = element('tr', {}, element('thead', {}, table));
    ['endpoint', 'ingress', 'egress'].forEach(function (title) { element('th', {}, head, title); });
    var body = element('tbody', {}, table);
    endpoints.filter(function (node) { return inScope(node, isolationSelect.value); }).forEach(function (node) {
      var tr = element('tr', {}, body);
      element('th', { scope: 'row' }, tr, node.id);
      ['ingress', 'egress'].forEach(function (direction) {
        var open = tables.isolating[direction][node.classIndex].length === 0;
        element('td', open ? { 'class': 'open' } : {}, tr, isolationText(node, direction));
      });
    });
  }

  if (endpoints.length <= 200) { element('option', { value: 'all' }, isolationSelect, 'all'); }
  data.namespaces.forEach(function (namespace, index) { element('option', { value: String(index) }, isolationSelect, namespace); });
  isolationSelect.addEventListener('change', drawIsolation);

  drawOverview();
  if (nodes.length > 0) { showWorkload(0, false); }
  drawMatrix();
  drawIsolation();
})();
`;
