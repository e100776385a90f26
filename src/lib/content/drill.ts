import * as v from 'valibot';
import { SLOT_KINDS, templateSlots } from '../practice/instruction-drill';

export const InstructionTemplateSchema = v.pipe(
	v.strictObject({
		id: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)),
		nb: v.pipe(v.string(), v.minLength(5)),
		icon: v.optional(v.pipe(v.string(), v.maxLength(16)))
	}),
	v.check((t) => templateSlots(t.nb).length > 0, 'a template needs at least one {slot}'),
	v.check((t) => templateSlots(t.nb).every((s) => SLOT_KINDS.includes(s)), `slots are ${SLOT_KINDS.join(', ')}`)
);

export const DrillFileSchema = v.strictObject({
	/** The phrase set whose sessions include these drills. */
	set: v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)),
	templates: v.pipe(v.array(InstructionTemplateSchema), v.minLength(1))
});
export type DrillFile = v.InferOutput<typeof DrillFileSchema>;
