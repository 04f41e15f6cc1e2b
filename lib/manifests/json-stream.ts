import type { YamlDocuments } from './exact-yaml';
import { readYaml } from './read-yaml';

/**
 * JSON objects written one after another without `---` (`{...}{...}` or one per line, as
 * `kubectl get -o json` of several objects piped together writes them). kubectl reads a stream
 * whose first non-space character is `{` with Go's json.Decoder, one object after another
 * (apimachinery's YAMLOrJSONDecoder in pkg/util/yaml/decoder.go): once it has read more
 * than one, the stream is JSON and whatever does not read as a next object fails it. With at
 * most one object before the break it reads the rest as YAML, which is what parseDocuments
 * does with such text anyway (a JSON object is a YAML flow mapping), so it is left to it.
 */

/** The offset just past the JSON value that opens with the bracket at `start`, or undefined when it never closes. */
function closingOffset(text: string, start: number): number | undefined {
  let depth = 0;
  for (let index = start; index < text.length; index++) {
    const char = text[index];
    if (char === '"') {
      index++;
      while (index < text.length && text[index] !== '"') {
        index += text[index] === '\\' ? 2 : 1;
      }
    } else if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) {
        return index + 1;
      }
    }
  }
  return undefined;
}

/** `line N, column M` (both from 1) of an offset. */
function lineAndColumn(text: string, offset: number): { readonly line: number; readonly column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * The object as the YAML readers read it (so duplicate keys and numbers are what they are
 * in a single JSON document), placed at its line and column so that errors name them.
 */
function readObject(text: string, start: number, end: number): YamlDocuments {
  const { line, column } = lineAndColumn(text, start);
  const placed = `${'\n'.repeat(line - 1)}${' '.repeat(column - 1)}${text.slice(start, end)}`;
  return readYaml(placed);
}

/** Where a stream stops being a stream of JSON objects, and why. */
interface StreamBreak {
  readonly offset: number;
  readonly why: string;
}

/** JSON.parse's reason, without the offset in the object it counts from. */
function jsonReason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/ in JSON at position \d+.*$/, '');
}

/** The offsets of the JSON objects the text starts with, one after another, and where that stops, if before the end. */
function jsonObjects(text: string): { readonly objects: readonly { readonly start: number; readonly end: number }[]; readonly broken?: StreamBreak } {
  const objects: { start: number; end: number }[] = [];
  let offset = 0;
  for (;;) {
    const skipped = text.slice(offset).search(/\S/);
    if (skipped === -1) {
      return { objects };
    }
    const start = offset + skipped;
    if (text[start] !== '{') {
      return { objects, broken: { offset: start, why: `${JSON.stringify(text[start])} where the next object or the end should be` } };
    }
    const end = closingOffset(text, start);
    if (end === undefined) {
      return { objects, broken: { offset: start, why: 'an object that is never closed' } };
    }
    try {
      JSON.parse(text.slice(start, end));
    } catch (error) {
      return { objects, broken: { offset: start, why: jsonReason(error) } };
    }
    objects.push({ start, end });
    offset = end;
  }
}

/**
 * The objects of a stream of two or more JSON objects, up to the first that cannot be read
 * (with why), or undefined for text that is not one: it does not start with two JSON objects.
 */
export function readJsonStream(text: string): YamlDocuments | undefined {
  const { objects, broken } = jsonObjects(text);
  if (objects.length <= 1) {
    return undefined;
  }
  const values: unknown[] = [];
  for (const { start, end } of objects) {
    const read = readObject(text, start, end);
    if (read.failure !== undefined) {
      return { values, failure: read.failure };
    }
    values.push(read.values[0]);
  }
  if (broken) {
    const { line, column } = lineAndColumn(text, broken.offset);
    return { values, failure: `not valid JSON: after ${values.length} JSON objects, line ${line}, column ${column}: ${broken.why}` };
  }
  return { values };
}
