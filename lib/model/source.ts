/** Where an object came from: a manifest file and the index of the YAML document in it. */
export interface SourceRef {
  /** The file path as the user gave it, or `-` for standard input, or a construct path. */
  readonly file: string;
  /** Zero-based index of the document within the file (List items count as documents). */
  readonly documentIndex?: number;
}
