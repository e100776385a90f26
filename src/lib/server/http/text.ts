const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text the database cannot store: PostgreSQL refuses NUL in text and JSON, and a lone UTF-16
 * surrogate is not Unicode at all. Checked once for every JSON body and every form, so a bad
 * character becomes a 400 that names the field instead of a failed query.
 */
export function unstorable(text: string): string | null {
	if (text.includes('\u0000')) return 'contains a NUL character';
	if (LONE_SURROGATE.test(text)) return 'contains a lone surrogate (not Unicode text)';
	return null;
}

/** The first string (value or key) in a parsed JSON value that cannot be stored, as "path: reason". */
export function findUnstorable(value: unknown): string | null {
	// Iterative, so a body nested 100,000 deep cannot overflow the stack.
	const stack: [unknown, string][] = [[value, '']];
	while (stack.length) {
		const [item, path] = stack.pop()!;
		if (typeof item === 'string') {
			const problem = unstorable(item);
			if (problem) return path ? `${path}: ${problem}` : problem;
		} else if (Array.isArray(item)) {
			item.forEach((child, i) => stack.push([child, path ? `${path}.${i}` : String(i)]));
		} else if (item && typeof item === 'object') {
			for (const [key, child] of Object.entries(item)) {
				const at = path ? `${path}.${key}` : key;
				const problem = unstorable(key);
				if (problem) return `${at}: the name ${problem}`;
				stack.push([child, at]);
			}
		}
	}
	return null;
}

/** Form fields that take a file (the set import); every other field must be text. */
const FILE_FIELDS = new Set(['file']);

/**
 * The first problem in a posted form, as "field: reason": a body that is not a form at all
 * (broken multipart, text/plain), a file where text belongs (it would read as "[object File]"),
 * or text that cannot be stored. Null when the form is fine for the action to read.
 */
export async function formProblem(request: Request): Promise<string | null> {
	let form: FormData;
	try {
		form = await request.clone().formData();
	} catch (e) {
		if ((e as { status?: number }).status === 413) throw e;
		return `the form could not be read (${request.headers.get('content-type')?.split(';')[0] ?? 'no content type'}): ${(e as Error).message}`;
	}
	for (const [name, value] of form) {
		const nameProblem = unstorable(name);
		if (nameProblem) return `a field name ${nameProblem}`;
		if (typeof value !== 'string') {
			if (!FILE_FIELDS.has(name)) return `${name}: expected text, not a file`;
			continue;
		}
		const problem = unstorable(value);
		if (problem) return `${name}: ${problem}`;
	}
	return null;
}
