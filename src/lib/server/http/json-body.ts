import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { describeIssue } from '../../sync/protocol';
import { MAX_JSON_BYTES } from './limits';
import { findUnstorable } from './text';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads and validates a JSON body; a bad one becomes a 400 that names the wrong field. */
export async function readJson<S extends v.GenericSchema>(request: Request, schema: S): Promise<v.InferOutput<S>> {
	const bytes = new Uint8Array(await request.arrayBuffer());
	if (bytes.length > MAX_JSON_BYTES) error(413, `the body is larger than ${MAX_JSON_BYTES} bytes`);
	let text: string;
	try {
		// Not "repaired" with U+FFFD: bytes that are not UTF-8 are a broken body, not a name.
		text = utf8.decode(bytes);
	} catch {
		error(400, 'the body is not valid JSON: it is not UTF-8 text');
	}
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		error(400, 'the body is not valid JSON');
	}
	const result = v.safeParse(schema, data);
	if (!result.success) error(400, describeIssue(result.issues));
	const unstorable = findUnstorable(result.output);
	if (unstorable) error(400, unstorable);
	return result.output;
}
