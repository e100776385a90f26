import { uuidv7 } from 'uuidv7';
import type { PhraseItem } from '$lib/content/schema';
import { isSafetyItem } from '$lib/content/summary';
import { localDb } from '$lib/local/db';
import { loadContentIndex, loadDialogue, loadDrills, loadLearningSets } from '$lib/local/packs';
import type { Dialogue } from '$lib/content/dialogue';
import type { InstructionTemplate } from '$lib/practice/instruction-drill';
import { countIntroducedSince, loadCards, startOfLocalDay } from '$lib/local/cards';
import { recordReview } from '$lib/local/progress';
import { mark, measure } from '$lib/timing';
import type { LearnerSettings } from '$lib/local/settings';
import { learningItems } from '$lib/practice/learning-items';
import { cardKey, dialogueItemId, drillItemId, State, type CardState, type ReviewEvent, type ReviewGrade } from '$lib/practice/card';
import { words } from '$lib/practice/answer-check';
import { chooseKind, createDialogueExercise, createExercise, createInstructionExercise, type Exercise } from '$lib/practice/exercises';
import { gradeAnswer } from '$lib/practice/grading';
import { seededRandom } from '$lib/practice/random';
import { buildSession, requeuePosition, stepsForMinutes, type SessionStep } from '$lib/practice/session';

export type Phase = 'loading' | 'empty' | 'intro' | 'answer' | 'feedback' | 'summary' | 'failed';

/** What an exercise reports when the learner answers. */
export interface AnswerResult {
	correct: boolean;
	typo?: boolean;
	/** The exercise itself saw the learner struggle (e.g. a wrong pair before the right ones). */
	helped?: boolean;
	/** What the learner gave, to show beside the right answer. */
	given?: string;
	/** The right answer as shown on screen, where it is not the Norwegian (an instruction's picture). */
	shown?: string;
	/** Set when the learner graded themselves (say it). */
	grade?: ReviewGrade;
}

export interface Feedback extends AnswerResult {
	item: PhraseItem;
}

/** One practice session on the phone: builds the steps, runs them, logs every answer. */
export class PracticeSession {
	phase = $state<Phase>('loading');
	steps = $state<SessionStep[]>([]);
	index = $state(0);
	exercise = $state<Exercise | null>(null);
	feedback = $state<Feedback | null>(null);
	saveError = $state<string | null>(null);
	saving = $state(false);
	answered = $state(0);
	correct = $state(0);
	newItems = $state(0);

	progress = $derived(this.steps.length ? this.index / this.steps.length : 0);

	#items = new Map<string, PhraseItem>();
	#templates = new Map<string, InstructionTemplate>();
	#dialogues = new Map<string, Dialogue>();
	#pool: PhraseItem[] = [];
	#safety = new Set<string>();
	#cards = new Map<string, CardState>();
	#random = seededRandom(Date.now());
	#startedAt = 0;
	#helped = false;
	#pending: ReviewEvent | null = null;
	#requeued = new Set<string>();
	#deviceId = '';
	#speaking = false;

	/**
	 * Builds and starts a session over the learner's sets, or over just `focus` (e.g. a guide's
	 * words), which the learner asked for, so the daily new-item limit does not hold them back.
	 */
	async start(settings: LearnerSettings, focus?: readonly string[], mode: 'mixed' | 'speak' = 'mixed'): Promise<void> {
		this.phase = 'loading';
		mark('session-start');
		this.#speaking = mode === 'speak';
		try {
			const sets = focus
				? await loadLearningSets([...new Set(focus.map((id) => id.split('.')[0]!))])
				: await loadLearningSets(settings.learningSets);
			this.#pool = sets.flatMap((s) => s.items);
			this.#items = new Map(this.#pool.map((i) => [i.id, i]));
			this.#safety = new Set(this.#pool.filter(isSafetyItem).map((i) => i.id));
			this.#deviceId = settings.deviceId;
			const db = localDb();
			const now = Date.now();
			const [cards, introducedToday] = await Promise.all([loadCards(db), countIntroducedSince(db, startOfLocalDay(now))]);
			this.#cards = cards;
			const index = await loadContentIndex();
			const setIds = new Set(sets.map((s) => s.id));
			const [drills, dialogues] = await Promise.all([
				Promise.all(index.drills.filter((d) => setIds.has(d.set)).map((d) => loadDrills(d.set))),
				Promise.all(index.dialogues.filter((d) => setIds.has(d.set)).map((d) => loadDialogue(d.id)))
			]);
			this.#templates = new Map(drills.flatMap((f) => f.templates.map((t) => [drillItemId(f.set, t.id), t])));
			this.#dialogues = new Map(dialogues.map((d) => [dialogueItemId(d.id), d]));
			const wanted = focus ? new Set(focus) : null;
			const items = learningItems(sets, index).filter((i) => !wanted || wanted.has(i.id));
			// Speaking practice: say the words already met, the longest unpractised first.
			this.steps = this.#speaking
				? speakingSteps(this.#pool, cards, stepsForMinutes(settings.sessionMinutes))
				: buildSession({
				now,
				items,
				cards,
				introducedToday: wanted ? 0 : introducedToday,
				newPerDay: wanted ? items.length : settings.newPerDay,
					maxSteps: stepsForMinutes(settings.sessionMinutes)
				});
		} catch {
			this.phase = 'failed';
			return;
		}
		measure('session', 'session-start');
		this.index = 0;
		this.answered = this.correct = this.newItems = 0;
		if (this.steps.length) this.#prepare();
		else this.phase = 'empty';
	}

	get step(): SessionStep | undefined {
		return this.steps[this.index];
	}

	#exerciseFor(step: SessionStep): Exercise {
		const template = this.#templates.get(step.itemId);
		if (template) return createInstructionExercise(step.itemId, template, this.#random);
		const dialogue = this.#dialogues.get(step.itemId);
		if (dialogue) return createDialogueExercise(step.itemId, dialogue);
		const item = this.#items.get(step.itemId)!;
		const card = this.#cards.get(cardKey(step.itemId, step.direction));
		if (this.#speaking) return createExercise('say-it', item, this.#pool, this.#random);
		const kind = chooseKind(step, item, {
			reps: card?.reps ?? 0,
			poolSize: this.#pool.length,
			relearning: card?.state === State.Relearning
		});
		return createExercise(kind, item, this.#pool, this.#random);
	}

	#prepare() {
		const step = this.steps[this.index]!;
		this.exercise = this.#exerciseFor(step);
		this.feedback = null;
		this.#helped = false;
		// Drills and dialogues explain themselves; phrases are introduced before they are asked.
		if (step.isNew && step.direction === 'recognise' && this.#items.has(step.itemId)) {
			this.phase = 'intro';
		} else {
			this.beginAnswer();
		}
	}

	beginAnswer() {
		this.phase = 'answer';
		this.#startedAt = performance.now();
	}

	/** The learner replayed the audio, slowed it down or asked for a hint. */
	noteHelp() {
		if (this.phase === 'answer') this.#helped = true;
	}

	async submit(result: AnswerResult): Promise<void> {
		const step = this.step;
		const exercise = this.exercise;
		if (this.phase !== 'answer' || !step || !exercise) return;
		const durationMs = Math.round(performance.now() - this.#startedAt);
		const grade =
			result.grade ??
			gradeAnswer({
				kind: exercise.kind,
				correct: result.correct,
				typo: result.typo,
				helped: this.#helped || !!result.helped,
				durationMs,
				answerLength: words(exercise.item.nb).length
			});
		this.feedback = { ...result, item: exercise.item };
		this.phase = 'feedback';
		this.answered++;
		if (result.correct) this.correct++;
		if (step.isNew) this.newItems++;
		const key = cardKey(step.itemId, step.direction);
		if (!result.correct && !this.#requeued.has(key)) {
			this.#requeued.add(key);
			this.steps.splice(requeuePosition(this.steps, this.index, step.itemId), 0, {
				itemId: step.itemId,
				direction: step.direction,
				isNew: false
			});
		}
		this.#pending = {
			id: uuidv7(),
			itemId: step.itemId,
			direction: step.direction,
			kind: exercise.kind,
			grade,
			at: Date.now(),
			durationMs,
			deviceId: this.#deviceId
		};
		await this.#save();
	}

	/** Writes the pending answer; on failure keeps it and says so, so that it is never lost. */
	async #save(): Promise<void> {
		const event = this.#pending;
		if (!event) return;
		this.saving = true;
		try {
			const card = await recordReview(localDb(), event, this.#safety.has(event.itemId));
			this.#cards.set(card.key, card);
			this.#pending = null;
			this.saveError = null;
		} catch (e) {
			this.saveError = e instanceof Error ? e.name || e.message : String(e);
		} finally {
			this.saving = false;
		}
	}

	retrySave(): Promise<void> {
		return this.#save();
	}

	/** On to the next exercise; not before the last answer is safely stored. */
	next() {
		if (this.#pending || this.phase !== 'feedback') return;
		mark('next');
		this.index++;
		if (this.index >= this.steps.length) this.phase = 'summary';
		else this.#prepare();
	}
}

/** Steps for speaking practice: items met before, the ones said longest ago first. */
function speakingSteps(pool: readonly PhraseItem[], cards: ReadonlyMap<string, CardState>, max: number): SessionStep[] {
	const said = (id: string) => cards.get(cardKey(id, 'produce'))?.lastReview ?? 0;
	return pool
		.filter((i) => cards.has(cardKey(i.id, 'recognise')))
		.sort((a, b) => said(a.id) - said(b.id))
		.slice(0, Math.min(max, 8))
		.map((i) => ({ itemId: i.id, direction: 'produce' as const, isNew: !cards.has(cardKey(i.id, 'produce')) }));
}
