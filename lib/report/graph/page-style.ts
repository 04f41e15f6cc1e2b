/** The report page's style sheet: system fonts only, so the page needs nothing from outside. */
export const GRAPH_PAGE_STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 20px 48px; color: #1f2328; background: #fff; }
h1 { font-size: 22px; margin: 16px 0 4px; word-break: break-all; }
h2 { font-size: 17px; margin: 24px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 14px; margin: 4px 0 8px; word-break: break-all; }
nav a { margin-right: 12px; }
code, pre, td, th, select, button { font-family: ui-monospace, monospace; font-size: 13px; }
.summary, .legend { color: #57606a; margin: 4px 0; }
.notices { margin: 6px 0; padding: 4px 8px; border: 1px solid #d4a72c; border-radius: 6px; background: #fff8c5; }
.notices ul { margin: 4px 0; padding-left: 20px; font-family: ui-monospace, monospace; font-size: 12px; word-break: break-all; }
.page { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 16px; align-items: start; }
main { min-width: 0; }
#explanation { position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow-y: auto; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; background: #f6f8fa; }
#explanation pre { white-space: pre-wrap; word-break: break-all; margin: 8px 0; }
.controls { margin: 6px 0; }
.graph-box { border: 1px solid #d0d7de; border-radius: 6px; overflow: hidden; }
svg text { font: 13px ui-monospace, monospace; fill: #1f2328; }
.cluster rect { fill: #f6f8fa; stroke: #8c959f; }
.cluster text { font-weight: bold; fill: #57606a; cursor: pointer; }
.namespace { cursor: pointer; }
.namespace rect { fill: #f6f8fa; stroke: #57606a; stroke-width: 1.5; }
.namespace .title { font-weight: bold; }
.namespace .detail { font-size: 11px; fill: #57606a; }
.namespace.ingress-open rect { stroke: #9a6700; stroke-dasharray: 5 3; }
.node { cursor: pointer; }
.node rect { fill: #ddf4ff; stroke: #0969da; stroke-width: 1.5; }
.node.outside rect { fill: #fbefff; stroke: #8250df; }
.node.ingress-open rect { fill: #fff8c5; stroke: #9a6700; stroke-dasharray: 5 3; }
.edge { cursor: pointer; }
.edge .line { fill: none; stroke: #57606a; stroke-width: 1.5; }
.edge .hit { fill: none; stroke: transparent; stroke-width: 12; }
.edge text { font-size: 11px; fill: #0550ae; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.edge:hover .line, .edge.selected .line { stroke: #cf222e; stroke-width: 2.5; }
marker path { fill: #57606a; }
.tile-list { display: flex; flex-wrap: wrap; gap: 6px; }
.tile { display: flex; flex-direction: column; align-items: flex-start; padding: 4px 8px; border: 1px solid #8c959f; border-radius: 6px; background: #f6f8fa; cursor: pointer; }
.tile span { color: #57606a; font-size: 11px; }
.workload { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 0.8fr) minmax(0, 1fr); gap: 12px; align-items: start; }
.column ul { list-style: none; margin: 0; padding: 0; }
.column li { margin: 4px 0; }
.peer-group summary { cursor: pointer; color: #57606a; }
.flow { display: block; width: 100%; text-align: left; padding: 4px 8px; border: 1px solid #0969da; border-radius: 6px; background: #ddf4ff; cursor: pointer; word-break: break-all; }
.flow span { display: block; }
.flow .ports { color: #0550ae; }
.flow .policies { color: #57606a; font-size: 11px; }
.inbound .flow::after { content: " \\2192"; float: right; }
.outbound .flow::before { content: "\\2192 "; float: left; margin-right: 4px; }
.self-card { margin-top: 28px; border: 2px solid #0969da; border-radius: 8px; padding: 8px 12px; background: #fff; word-break: break-all; }
.self-card.ingress-open { border-color: #9a6700; border-style: dashed; background: #fff8c5; }
.self-card p { margin: 4px 0; font-size: 12px; }
button.link { border: none; background: none; color: #0969da; cursor: pointer; text-align: left; padding: 0; word-break: break-all; }
.pairs { padding-left: 16px; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; }
td, th { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; word-break: break-all; }
th { background: #f6f8fa; }
td.allowed { cursor: pointer; }
td.open { background: #fff8c5; }
td.denied { color: #8c959f; }
`;
