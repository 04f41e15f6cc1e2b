/** The report page's style sheet: system fonts only, so the page needs nothing from outside. */
export const GRAPH_PAGE_STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 0 24px 48px; color: #1f2328; background: #fff; }
h1 { font-size: 22px; margin: 20px 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
code, pre, td, th { font-family: ui-monospace, monospace; font-size: 13px; }
.summary { color: #57606a; margin: 0; }
.graph-area { display: flex; gap: 16px; align-items: flex-start; }
.graph-scroll { overflow: auto; border: 1px solid #d0d7de; border-radius: 6px; max-width: 100%; flex: 1 1 auto; }
#explanation { flex: 0 0 320px; position: sticky; top: 8px; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; background: #f6f8fa; }
#explanation h3 { font-size: 14px; margin: 4px 0; word-break: break-all; }
#explanation pre { white-space: pre-wrap; margin: 8px 0; }
svg text { font: 13px ui-monospace, monospace; fill: #1f2328; }
.group rect { fill: #f6f8fa; stroke: #8c959f; }
.group text { font-weight: bold; fill: #57606a; }
.node rect { fill: #ddf4ff; stroke: #0969da; stroke-width: 1.5; }
.node.ingress-open rect { fill: #fff8c5; stroke: #9a6700; stroke-dasharray: 5 3; }
.edge { cursor: pointer; }
.edge .line { fill: none; stroke: #57606a; stroke-width: 1.5; }
.edge .hit { fill: none; stroke: transparent; stroke-width: 12; }
.edge text { font-size: 11px; fill: #0550ae; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.edge:hover .line, .edge.selected .line { stroke: #cf222e; stroke-width: 2.5; }
marker path { fill: #57606a; }
table { border-collapse: collapse; }
td, th { border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.open { background: #fff8c5; }
td.denied { color: #8c959f; }
.legend { color: #57606a; }
`;
