import type { PortMatrixEntry } from '../analysis/analyzer';
import type { PortSet } from '../analysis/types';
import { portFlowJson } from './port-flow-json';

/** Where the JSON goes: a stream or anything with the same `write`. */
export interface TextSink {
  write(text: string): unknown;
}

/** Output goes out in pieces of about this many characters: a large cluster's listing is tens of MB. */
const CHUNK_LENGTH = 1 << 16;

/** `JSON.stringify(value, null, 2)` as it reads nested at `indent`. */
function nestedJson(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${indent}`);
}

/**
 * A flow's text after its `to` line, as an entry of `allowed`: it depends only on the
 * ports, so it is made once per PortSet object.
 */
function textAfterTo(flow: PortMatrixEntry): string {
  const text = nestedJson(portFlowJson(flow), '    ');
  // The first line at this depth naming `to` is the key: strings cannot hold a raw newline.
  const toLine = `\n      "to": ${JSON.stringify(flow.to)},`;
  return text.slice(text.indexOf(toLine) + toLine.length);
}

/**
 * Writes renderPortMatrixJson's text in chunks, byte for byte
 * `JSON.stringify({ endpoints, allowed: flows.map(portFlowJson), ...extra }, null, 2)` and a
 * newline, without building the whole text or an object per flow. `extra` holds further
 * top-level fields (endpointNotesJson).
 */
export function writePortMatrixJson(endpoints: readonly string[], flows: readonly PortMatrixEntry[], sink: TextSink, extra: object = {}): void {
  let chunk = `{\n  "endpoints": ${nestedJson(endpoints, '  ')},\n  "allowed": [`;
  const tails = new Map<PortSet, string>();
  const quoted = new Map<string, string>();
  // Flows come grouped by source: the text up to `to` is made once per run of one source.
  let from: string | undefined;
  let head = '';
  let separator = '\n';
  for (const flow of flows) {
    let tail = tails.get(flow.ports);
    if (tail === undefined) {
      tail = textAfterTo(flow);
      tails.set(flow.ports, tail);
    }
    let to = quoted.get(flow.to);
    if (to === undefined) {
      to = JSON.stringify(flow.to);
      quoted.set(flow.to, to);
    }
    if (flow.from !== from) {
      from = flow.from;
      head = `    {\n      "from": ${JSON.stringify(from)},\n      "to": `;
    }
    chunk += separator + head + to + ',' + tail;
    separator = ',\n';
    if (chunk.length >= CHUNK_LENGTH) {
      sink.write(chunk);
      chunk = '';
    }
  }
  const fields = Object.entries(extra).map(([key, value]) => `,\n  ${JSON.stringify(key)}: ${nestedJson(value, '  ')}`).join('');
  sink.write(`${chunk}${flows.length === 0 ? ']' : '\n  ]'}${fields}\n}\n`);
}

/** `{"endpoints": [...], "allowed": [{from, to, ports, ranges}], ...extra}` for pairs that allow something. */
export function renderPortMatrixJson(endpoints: readonly string[], flows: readonly PortMatrixEntry[], extra: object = {}): string {
  const chunks: string[] = [];
  writePortMatrixJson(endpoints, flows, { write: (text) => chunks.push(text) }, extra);
  return chunks.join('');
}
