import { isUtf8 } from 'buffer';
import { ManifestError } from './manifest-error';

/**
 * The text of a manifest file's bytes, decoded as kubectl decodes them: go-yaml's reader
 * (yaml_parser_determine_encoding and yaml_parser_update_buffer in readerc.go) reads UTF-8,
 * skipping a byte order mark, and UTF-16 with a byte order mark (little- or big-endian);
 * bytes that are not valid in the encoding are an error. UTF-32 it cannot read: it takes a
 * UTF-32LE mark for UTF-16LE and fails on the NUL that follows. Those are refused here with
 * the encoding named.
 */

const BOMS = {
  utf32le: [0xff, 0xfe, 0x00, 0x00],
  utf32be: [0x00, 0x00, 0xfe, 0xff],
  utf8: [0xef, 0xbb, 0xbf],
  utf16le: [0xff, 0xfe],
  utf16be: [0xfe, 0xff],
};

function startsWith(bytes: Buffer, mark: readonly number[]): boolean {
  return mark.every((byte, index) => bytes[index] === byte);
}

/** `line N` of the first byte at offset in the UTF-8 bytes. */
function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++;
    }
  }
  return line;
}

/** The offset of the first byte at which the bytes stop being valid UTF-8. */
function firstInvalidUtf8(bytes: Buffer): number {
  // Narrow down with isUtf8 on prefixes ending at sequence starts: log(n) checks.
  let valid = 0;
  let end = bytes.length;
  while (end - valid > 8) {
    let cut = valid + Math.floor((end - valid) / 2);
    while (cut > valid && (bytes[cut] & 0xc0) === 0x80) {
      cut--;
    }
    if (cut > valid && isUtf8(bytes.subarray(0, cut))) {
      valid = cut;
    } else {
      end = cut > valid ? cut : valid + Math.floor((end - valid) / 2);
    }
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let index = valid; index < bytes.length; index++) {
    try {
      decoder.decode(bytes.subarray(index, index + 1), { stream: true });
    } catch {
      return index;
    }
  }
  // Only an incomplete sequence at the very end is left.
  return bytes.length - 1;
}

/**
 * True when the decoded UTF-16 text holds more than one document: kubectl's document
 * splitter (apimachinery's YAMLReader) looks for `---` in bytes and never finds it in
 * UTF-16, and go-yaml then reads only the first document of the whole file.
 */
function hasSeveralDocuments(text: string): boolean {
  const body = text.replace(/^(?:[ \t]*(?:#.*)?\r?\n)*(?:---(?:[ \t].*)?\r?\n)?/, '');
  return /^---(?:[ \t\r]|$)/m.test(body);
}

function decodeUtf16(bytes: Buffer, file: string, encoding: 'utf-16le' | 'utf-16be'): string {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new ManifestError(file, `not valid ${encoding.toUpperCase()}: an incomplete character or an unpaired surrogate; kubectl refuses it`);
  }
  if (hasSeveralDocuments(text)) {
    throw new ManifestError(
      file,
      `is ${encoding.toUpperCase()} with several documents, of which kubectl reads only the first (its document splitter reads UTF-8 only); save the file as UTF-8`,
    );
  }
  return text;
}

/** Decodes a manifest's bytes as kubectl does, or throws a ManifestError naming the encoding. */
export function decodeManifestText(bytes: Buffer, file: string): string {
  for (const encoding of ['utf32le', 'utf32be'] as const) {
    if (startsWith(bytes, BOMS[encoding])) {
      const name = encoding === 'utf32le' ? 'UTF-32LE' : 'UTF-32BE';
      throw new ManifestError(file, `is ${name} (it starts with a ${name} byte order mark), which kubectl cannot read; save the file as UTF-8`);
    }
  }
  if (startsWith(bytes, BOMS.utf16le)) {
    return decodeUtf16(bytes, file, 'utf-16le');
  }
  if (startsWith(bytes, BOMS.utf16be)) {
    return decodeUtf16(bytes, file, 'utf-16be');
  }
  const body = startsWith(bytes, BOMS.utf8) ? bytes.subarray(BOMS.utf8.length) : bytes;
  if (!isUtf8(body)) {
    const line = lineAt(body, firstInvalidUtf8(body));
    throw new ManifestError(file, `not valid UTF-8 at line ${line}; kubectl reads UTF-8, or UTF-16 with a byte order mark: save the file as UTF-8`);
  }
  return body.toString('utf8');
}
