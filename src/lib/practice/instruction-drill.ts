import { shuffled, type Random } from './random';

/**
 * Spoken instructions generated from templates ("Ta den {colour} kluten og vask rom {room}
 * først."): the learner hears one and picks what to do, shown as pictures and digits. Wrong
 * choices differ in one detail, the way real instructions go wrong: 232 for 223, 15:30 for
 * "halv tre", left for right.
 */
export type SlotKind = 'colour' | 'room' | 'time' | 'count' | 'shelf' | 'side' | 'object' | 'place' | 'floor';

export interface SlotValue {
	/** As said in Norwegian inside the sentence. */
	nb: string;
	/** As shown on a choice: emoji and digits, readable without Norwegian. */
	show: string;
}

const COLOURS: SlotValue[] = [
	{ nb: 'røde', show: '🟥' },
	{ nb: 'grønne', show: '🟩' },
	{ nb: 'blå', show: '🟦' },
	{ nb: 'gule', show: '🟨' },
	{ nb: 'hvite', show: '⬜' },
	{ nb: 'svarte', show: '⬛' }
];
const OBJECTS: SlotValue[] = [
	{ nb: 'bøtta', show: '🪣' },
	{ nb: 'kosten', show: '🧹' },
	{ nb: 'esken', show: '📦' },
	{ nb: 'stigen', show: '🪜' },
	{ nb: 'tralla', show: '🛒' },
	{ nb: 'nøkkelen', show: '🔑' }
];
const PLACES: SlotValue[] = [
	{ nb: 'lageret', show: '🏬' },
	{ nb: 'kjøkkenet', show: '🍳' },
	{ nb: 'resepsjonen', show: '🛎️' },
	{ nb: 'garderoben', show: '🧥' },
	{ nb: 'pauserommet', show: '☕' },
	{ nb: 'kontoret', show: '🗄️' }
];
const SIDES: SlotValue[] = [
	{ nb: 'venstre', show: '⬅️' },
	{ nb: 'høyre', show: '➡️' }
];
const NUMBER_WORDS = ['null', 'en', 'to', 'tre', 'fire', 'fem', 'seks', 'sju', 'åtte', 'ni', 'ti', 'elleve', 'tolv'];
const COUNT_WORDS = ['', 'én', 'to', 'tre', 'fire', 'fem', 'seks'];
const ORDINALS = ['', 'første', 'andre', 'tredje', 'fjerde', 'femte'];

const pick = <T>(list: readonly T[], random: Random): T => list[Math.floor(random() * list.length)]!;
const int = (min: number, max: number, random: Random) => min + Math.floor(random() * (max - min + 1));
const twelve = (h: number) => NUMBER_WORDS[((h + 11) % 12) + 1]!;
const clock = (h: number, m: number) => `🕒 ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

interface Generated {
	value: SlotValue;
	/** Values a learner is likely to mistake this one for, most likely first. */
	confusers: SlotValue[];
}

function fromList(list: readonly SlotValue[], random: Random): Generated {
	const value = pick(list, random);
	return { value, confusers: shuffled(list.filter((v) => v !== value), random) };
}

function room(random: Random): Generated {
	const digits = [int(1, 4, random), int(1, 3, random), int(1, 3, random)];
	if (new Set(digits).size === 1) digits[2] = (digits[2]! % 3) + 1;
	const number = digits.join('');
	const swaps = new Set([`${digits[0]}${digits[2]}${digits[1]}`, `${digits[1]}${digits[0]}${digits[2]}`, `${digits[2]}${digits[1]}${digits[0]}`, `${digits[0]}${digits[1]}${(digits[2]! % 9) + 1}`]);
	swaps.delete(number);
	const show = (n: string) => ({ nb: n, show: `🚪 ${n}` });
	return { value: show(number), confusers: [...swaps].map(show) };
}

function time(random: Random): Generated {
	const h = int(7, 15, random);
	const kind = pick(['hel', 'halv', 'kvart over', 'kvart på'] as const, random);
	switch (kind) {
		case 'hel':
			return { value: { nb: twelve(h), show: clock(h, 0) }, confusers: [{ nb: '', show: clock(h + 1, 0) }, { nb: '', show: clock(h, 30) }, { nb: '', show: clock(h - 1, 0) }] };
		case 'halv':
			// "halv tre" is 14:30: half before three. Reading it as 15:30 is the classic mistake.
			return { value: { nb: `halv ${twelve(h + 1)}`, show: clock(h, 30) }, confusers: [{ nb: '', show: clock(h + 1, 30) }, { nb: '', show: clock(h + 1, 0) }, { nb: '', show: clock(h, 0) }] };
		case 'kvart over':
			return { value: { nb: `kvart over ${twelve(h)}`, show: clock(h, 15) }, confusers: [{ nb: '', show: clock(h, 45) }, { nb: '', show: clock(h - 1, 45) }, { nb: '', show: clock(h + 1, 15) }] };
		case 'kvart på':
			return { value: { nb: `kvart på ${twelve(h + 1)}`, show: clock(h, 45) }, confusers: [{ nb: '', show: clock(h + 1, 45) }, { nb: '', show: clock(h + 1, 15) }, { nb: '', show: clock(h, 15) }] };
	}
}

function count(random: Random): Generated {
	const n = int(2, 6, random);
	const show = (k: number) => ({ nb: COUNT_WORDS[k]!, show: `${k} ×` });
	return { value: show(n), confusers: [n + 1, n - 1, n + 2].filter((k) => k >= 1 && k <= 6 && k !== n).map(show) };
}

function ordinal(random: Random, icon: string, max: number): Generated {
	const n = int(1, max, random);
	const show = (k: number) => ({ nb: ORDINALS[k]!, show: `${icon} ${k}` });
	return { value: show(n), confusers: shuffled([1, 2, 3, 4, 5].slice(0, max).filter((k) => k !== n), random).map(show) };
}

function shelf(random: Random): Generated {
	const n = int(1, 6, random);
	const show = (k: number) => ({ nb: String(k), show: `🗄️ ${k}` });
	return { value: show(n), confusers: [n + 1, n - 1, 7 - n].filter((k) => k >= 1 && k <= 6 && k !== n).map(show) };
}

const GENERATORS: Record<SlotKind, (random: Random) => Generated> = {
	colour: (r) => fromList(COLOURS, r),
	object: (r) => fromList(OBJECTS, r),
	place: (r) => fromList(PLACES, r),
	side: (r) => fromList(SIDES, r),
	room,
	time,
	count,
	shelf: (r) => shelf(r),
	floor: (r) => ordinal(r, '🏢', 5)
};

export const SLOT_KINDS = Object.keys(GENERATORS) as SlotKind[];

export interface InstructionTemplate {
	id: string;
	/** Norwegian with {slot} placeholders, e.g. "Ta den {colour} kluten og vask rom {room} først." */
	nb: string;
	/** An emoji shown with every choice, for the task itself (🧽 for cleaning). */
	icon?: string;
}

export interface InstructionChoice {
	show: string;
	correct: boolean;
}

export interface InstructionVariant {
	/** The spoken instruction. */
	text: string;
	choices: InstructionChoice[];
}

export function templateSlots(nb: string): SlotKind[] {
	return [...nb.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as SlotKind);
}

/**
 * One concrete instruction from a template, with four choices: the right one and three that
 * each get one detail wrong.
 */
export function instructionVariant(template: InstructionTemplate, random: Random): InstructionVariant {
	const slots = templateSlots(template.nb);
	const values = slots.map((kind) => GENERATORS[kind](random));
	const text = slots.reduce((s, kind, i) => s.replace(`{${kind}}`, values[i]!.value.nb), template.nb);
	const display = (parts: string[]) => [template.icon, ...parts].filter(Boolean).join(' ');
	const right = display(values.map((v) => v.value.show));
	const wrong = new Set<string>();
	for (let round = 0; wrong.size < 3 && round < 6; round++) {
		for (let i = 0; i < values.length && wrong.size < 3; i++) {
			const confuser = values[i]!.confusers[round];
			if (!confuser) continue;
			const parts = values.map((v, j) => (j === i ? confuser.show : v.value.show));
			const candidate = display(parts);
			if (candidate !== right) wrong.add(candidate);
		}
	}
	return {
		text,
		choices: shuffled([{ show: right, correct: true }, ...[...wrong].map((show) => ({ show, correct: false }))], random)
	};
}
