import { error } from '@sveltejs/kit';
import * as v from 'valibot';
import { describeIssue } from '../../sync/protocol';
import { MAX_JSON_BYTES } from './limits';

/** Reads and validates a JSON body; a bad one becomes a 400 that names the wrong field. */
export async function readJson<S extends v.GenericSchema>(request: Request, schema: S): Promise<v.InferOutput<S>> {
	const text = await request.text();
	if (text.length > MAX_JSON_BYTES) error(413, `the body is larger than ${MAX_JSON_BYTES} bytes`);
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		error(400, 'the body is not valid JSON');
	}
	const result = v.safeParse(schema, data);
	if (!result.success) error(400, describeIssue(result.issues));
	return result.output;
}


