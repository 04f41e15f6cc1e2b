/**
 * The report page's own script (plain browser JavaScript, kept as text so it ships inside the
 * HTML file). It reads the embedded JSON, lets dagre lay out the graph with one cluster per
 * namespace, draws it as SVG and shows an edge's explanation when the edge is clicked.
 * Every text goes in through textContent, never as markup.
 */
export const GRAPH_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var CHAR_WIDTH = 7.8; // 13px monospace
  var MIN_SCALE = 0.6;
  var data = JSON.parse(document.getElementById('graph-data').textContent);
  var panel = document.getElementById('explanation');

  function svg(tag, attributes, parent) {
    var element = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    if (parent) { parent.appendChild(element); }
    return element;
  }

  function text(content, attributes, parent) {
    var element = svg('text', attributes, parent);
    element.textContent = content;
    return element;
  }

  function html(tag, content, parent) {
    var element = document.createElement(tag);
    if (content !== undefined) { element.textContent = content; }
    parent.appendChild(element);
    return element;
  }

  function layout() {
    var g = new dagre.graphlib.Graph({ compound: true });
    g.setGraph({ rankdir: 'LR', nodesep: 28, ranksep: 60, marginx: 16, marginy: 32 });
    g.setDefaultEdgeLabel(function () { return {}; });
    data.groups.forEach(function (group) {
      g.setNode(group.key, {});
      group.nodes.forEach(function (node) {
        g.setNode('ep:' + node.id, { width: node.name.length * CHAR_WIDTH + 24, height: 32 });
        g.setParent('ep:' + node.id, group.key);
      });
    });
    data.edges.forEach(function (edge) {
      g.setEdge('ep:' + edge.from, 'ep:' + edge.to, {
        width: edge.label.length * CHAR_WIDTH, height: 16, labelpos: 'c'
      });
    });
    dagre.layout(g);
    return g;
  }

  function showExplanation(edge) {
    panel.textContent = '';
    html('h3', edge.from + ' \u2192 ' + edge.to, panel);
    html('p', 'allowed: ' + edge.label, panel);
    edge.explanations.forEach(function (explanation) {
      html('pre', explanation, panel);
    });
  }

  function select(group, edge) {
    Array.prototype.forEach.call(document.querySelectorAll('.edge.selected'), function (other) {
      other.classList.remove('selected');
    });
    group.classList.add('selected');
    showExplanation(edge);
  }

  function draw(g) {
    var size = g.graph();
    var root = document.getElementById('graph');
    // Shrink a wide graph to fit its box, but not below the size where labels stop being legible.
    var scale = Math.min(1, Math.max(MIN_SCALE, (root.parentNode.clientWidth - 2) / size.width));
    root.setAttribute('width', Math.ceil(size.width * scale));
    root.setAttribute('height', Math.ceil(size.height * scale));
    root.setAttribute('viewBox', '0 0 ' + Math.ceil(size.width) + ' ' + Math.ceil(size.height));
    var defs = svg('defs', {}, root);
    var marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerUnits: 'userSpaceOnUse',
      markerWidth: 10, markerHeight: 10, orient: 'auto-start-reverse' }, defs);
    svg('path', { d: 'M0,0 L10,5 L0,10 z' }, marker);

    data.groups.forEach(function (group) {
      var box = g.node(group.key);
      var attributes = group.namespace === null ? { 'class': 'group outside' }
        : { 'class': 'group namespace', 'data-namespace': group.namespace };
      var element = svg('g', attributes, root);
      svg('rect', { x: box.x - box.width / 2, y: box.y - box.height / 2 - 20,
        width: box.width, height: box.height + 20, rx: 6 }, element);
      text(group.title, { x: box.x - box.width / 2 + 8, y: box.y - box.height / 2 - 6 }, element);
    });

    data.edges.forEach(function (edge) {
      var layoutEdge = g.edge('ep:' + edge.from, 'ep:' + edge.to);
      var d = layoutEdge.points.map(function (point, index) {
        return (index === 0 ? 'M' : 'L') + point.x.toFixed(1) + ',' + point.y.toFixed(1);
      }).join(' ');
      var group = svg('g', { 'class': 'edge', 'data-from': edge.from, 'data-to': edge.to }, root);
      svg('path', { d: d, 'class': 'line', 'marker-end': 'url(#arrow)' }, group);
      svg('path', { d: d, 'class': 'hit' }, group);
      text(edge.label, { x: layoutEdge.x, y: layoutEdge.y + 4, 'text-anchor': 'middle' }, group);
      group.addEventListener('click', function () { select(group, edge); });
    });

    data.groups.forEach(function (group) {
      group.nodes.forEach(function (node) {
        var box = g.node('ep:' + node.id);
        var group = svg('g', { 'class': 'node' + (node.ingressOpen ? ' ingress-open' : ''), 'data-id': node.id }, root);
        svg('rect', { x: box.x - box.width / 2, y: box.y - box.height / 2, width: box.width, height: box.height, rx: 4 }, group);
        text(node.name, { x: box.x, y: box.y + 4, 'text-anchor': 'middle' }, group);
      });
    });
  }

  draw(layout());
})();
`;
