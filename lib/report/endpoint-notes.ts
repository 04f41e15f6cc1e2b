import type { EndpointNotes, WorkloadNote } from '../model';
import { markdownText, textLine } from './escape';
import { renderMarkdownTable } from './table';

/**
 * The notes as JSON fields beside a result's: `workloads` (what an endpoint stands for)
 * and `caveats` (why a verdict involving an endpoint may not hold), each only when not empty.
 */
export function endpointNotesJson(notes: EndpointNotes): { workloads?: readonly WorkloadNote[]; caveats?: EndpointNotes['caveats'] } {
  return {
    ...(notes.workloads.length > 0 ? { workloads: notes.workloads } : {}),
    ...(notes.caveats.length > 0 ? { caveats: notes.caveats } : {}),
  };
}

/** `Deployment, pods a, b` / `Pod of StatefulSet web`. */
function describeWorkload(note: WorkloadNote): string {
  const of = note.workload ? ` of ${note.workload.kind} ${note.workload.name}` : '';
  const pods = note.pods ? `, pods ${note.pods.join(', ')}` : '';
  return `${note.kind}${of}${pods}`;
}

/**
 * The notes as text lines after a result: caveats always, what the endpoints stand for
 * when `workloads` is set. Empty when there is nothing to say.
 */
export function renderEndpointNotesText(notes: EndpointNotes, options: { readonly workloads?: boolean } = {}): string {
  const lines = options.workloads ? notes.workloads.map((note) => `${note.endpoint}: ${describeWorkload(note)}`) : [];
  lines.push(...notes.caveats.map((entry) => `caveat: ${entry.endpoint}: ${entry.caveat}`));
  return lines.map((line) => `${textLine(line)}\n`).join('');
}

/** The caveats as a Markdown table after a result; empty when there are none. */
export function renderEndpointNotesMarkdown(notes: EndpointNotes): string {
  if (notes.caveats.length === 0) {
    return '';
  }
  return `\n**Caveats**\n\n${renderMarkdownTable(['Endpoint', 'Caveat'], notes.caveats.map((entry) => [markdownText(entry.endpoint), markdownText(entry.caveat)]))}`;
}
