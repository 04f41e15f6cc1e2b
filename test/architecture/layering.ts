import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * The layering of docs/architecture.md as data, and a check of an import graph against it.
 * Rooms are the top-level folders of lib/; a higher room may import a lower one, never the
 * other way round nor sideways, and only through the room's index.ts.
 */
export const ROOM_LAYERS: Readonly<Record<string, number>> = {
  cli: 6,
  testing: 6,
  plugin: 6,
  workflows: 5,
  report: 4,
  constructs: 3,
  manifests: 3,
  flows: 3,
  validate: 2,
  analysis: 2,
  model: 1,
};

/** Imports that the layers would allow but the house forbids. */
const FORBIDDEN: ReadonlyArray<readonly [from: string, to: string, why: string]> = [
  ['analysis', 'constructs', 'the engine does not know the DSL'],
  ['analysis', 'manifests', 'the engine does not know how manifests are read'],
];

/**
 * A room's public surface: what a package entry point exports of it. Room code never imports
 * one (rooms talk through index.ts); public surfaces may build on each other.
 */
export const PUBLIC_ENTRY = 'public-api.ts';

/** The package entry points that are index files (package.json `exports` . and ./testing): public surfaces too. */
const ENTRY_INDEXES: ReadonlySet<string> = new Set(['index.ts', 'testing/index.ts']);

const isPublicSurface = (file: string): boolean => path.posix.basename(file) === PUBLIC_ENTRY || ENTRY_INDEXES.has(file);

export interface Violation {
  /** The importing file, relative to lib/. */
  readonly file: string;
  /** The import as written. */
  readonly specifier: string;
  readonly rule: 'unknown-room' | 'upward' | 'forbidden' | 'past-index' | 'public-entry';
  readonly message: string;
}

/** Every module specifier a file names: imports, re-exports, `import()` and `import('x').T`. */
function specifiers(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length > 0 && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The file a relative specifier names among `files` (`x.ts` or `x/index.ts`), relative to lib/. */
function resolve(from: string, specifier: string, files: ReadonlyMap<string, string>): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return [`${base}.ts`, `${base}/index.ts`].find((candidate) => files.has(candidate));
}

/** The room of a file relative to lib/; '' for the files at lib/'s top (the DSL entry). */
function roomOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : '';
}

/**
 * The violations of the house rules in `files` (path relative to lib/ -> source text).
 * Imports of packages (not relative) are not this check's business.
 */
export function layeringViolations(files: ReadonlyMap<string, string>): Violation[] {
  const violations: Violation[] = [];
  for (const [file, text] of files) {
    const room = roomOf(file);
    if (room !== '' && ROOM_LAYERS[room] === undefined) {
      violations.push({ file, specifier: '', rule: 'unknown-room', message: `${room}/ is not a room of docs/architecture.md` });
      continue;
    }
    for (const specifier of specifiers(file, text)) {
      if (!specifier.startsWith('.')) {
        continue;
      }
      const target = resolve(file, specifier, files);
      if (target === undefined) {
        continue;
      }
      const targetRoom = roomOf(target);
      const add = (rule: Violation['rule'], message: string): number => violations.push({ file, specifier, rule, message });
      const publicTarget = path.posix.basename(target) === PUBLIC_ENTRY;
      if (publicTarget && !isPublicSurface(file)) {
        add('public-entry', `${target} is a public surface: import the room's index.ts`);
        continue;
      }
      if (targetRoom === room) {
        continue;
      }
      const forbidden = FORBIDDEN.find(([from, to]) => from === room && to === targetRoom);
      if (forbidden) {
        add('forbidden', `${room} must not import ${targetRoom}: ${forbidden[2]}`);
      } else if (room !== '' && (targetRoom === '' || ROOM_LAYERS[targetRoom] === undefined || ROOM_LAYERS[targetRoom] >= ROOM_LAYERS[room])) {
        add('upward', `${room} (layer ${ROOM_LAYERS[room]}) must not import ${targetRoom || 'lib/'} (layer ${ROOM_LAYERS[targetRoom] ?? 'top'}): arrows point down`);
      }
      if (target !== `${targetRoom}/index.ts` && !publicTarget) {
        add('past-index', `import ${targetRoom} through ${targetRoom}/index.ts, not ${target}`);
      }
    }
  }
  return violations;
}

/** Every .ts file under `dir`, relative to it with `/` separators, with its text. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        walk(child);
      } else if (entry.name.endsWith('.ts')) {
        files.set(child, fs.readFileSync(path.join(dir, child), 'utf8'));
      }
    }
  };
  walk('');
  return files;
}
