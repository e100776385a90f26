import * as v from 'valibot';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { PhraseSetSchema, type PhraseSet } from './schema';

/** A problem in a content file, with where it is so that an author can fix it. */
export class ContentError extends Error {
	constructor(
		readonly file: string,
		readonly line: number,
		readonly column: number,
		readonly reason: string
	) {
		super(`${file}:${line}:${column}: ${reason}`);
		this.name = 'ContentError';
	}
}

/**
 * Parses and validates one phrase-set YAML file. Throws a ContentError naming the file,
 * line and reason for the first problem found (a YAML syntax error or a schema violation).
 */
export function loadPhraseSet(source: string, file: string): PhraseSet {
	const { value, doc, lineCounter } = parseYaml(PhraseSetSchema, source, file);
	assertUniqueItemIds(value, doc, lineCounter, file);
	return value;
}

/** Parses YAML and validates it against `schema`; errors carry file, line and column. */
export function loadYaml<S extends v.GenericSchema>(schema: S, source: string, file: string, lineOffset = 0): v.InferOutput<S> {
	return parseYaml(schema, source, file, lineOffset).value;
}

function parseYaml<S extends v.GenericSchema>(schema: S, source: string, file: string, lineOffset = 0) {
	const lineCounter = new LineCounter();
	const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
	const syntax = doc.errors[0];
	if (syntax) {
		const pos = lineCounter.linePos(syntax.pos[0]);
		throw new ContentError(file, pos.line + lineOffset, pos.col, syntax.message.split('\n')[0] ?? 'YAML error');
	}
	const result = v.safeParse(schema, doc.toJS());
	if (result.success) return { value: result.output as v.InferOutput<S>, doc, lineCounter };
	const issue = result.issues[0];
	const path = (issue.path ?? []).map((p) => p.key as string | number);
	const where = locate(doc, lineCounter, path);
	const field = path.length ? `${path.join('.')}: ` : '';
	throw new ContentError(file, where.line + lineOffset, where.col, `${field}${issue.message}`);
}

type Doc = ReturnType<typeof parseDocument>;

/** The position of the deepest node on `path` that exists in the document. */
function locate(doc: Doc, lineCounter: LineCounter, path: (string | number)[]) {
	for (let depth = path.length; depth >= 0; depth--) {
		const node = doc.getIn(path.slice(0, depth), true);
		if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]);
	}
	return { line: 1, col: 1 };
}

function assertUniqueItemIds(set: PhraseSet, doc: Doc, lineCounter: LineCounter, file: string) {
	const seen = new Set<string>();
	set.items.forEach((item, index) => {
		if (seen.has(item.id)) {
			const pos = locate(doc, lineCounter, ['items', index, 'id']);
			throw new ContentError(file, pos.line, pos.col, `items.${index}.id: "${item.id}" is used twice`);
		}
		seen.add(item.id);
	});
}
