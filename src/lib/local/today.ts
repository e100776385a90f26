import type { ContentIndex, PhraseSet } from '../content/schema';
import { cardKey, State } from '../practice/card';
import { buildSession, stepsForMinutes } from '../practice/session';
import { learningItems } from '../practice/learning-items';
import type { LocalDatabase } from './db';
import { countIntroducedSince, loadCards, startOfLocalDay } from './cards';
import type { LearnerSettings } from './settings';

export interface SetProgress {
	setId: string;
	total: number;
	/** Items the learner has met (recognise card exists). */
	started: number;
	/** Items whose recognise card has graduated to review. */
	known: number;
}

export interface TodayPlan {
	due: number;
	newToday: number;
	sessionLength: number;
	progress: SetProgress[];
}

/** What Today shows: how much is due, how many new items are left today, per-set progress. */
export async function planToday(
	db: LocalDatabase,
	sets: readonly PhraseSet[],
	index: Pick<ContentIndex, 'drills' | 'dialogues'>,
	settings: LearnerSettings,
	now = Date.now()
): Promise<TodayPlan> {
	const [cards, introducedToday] = await Promise.all([loadCards(db), countIntroducedSince(db, startOfLocalDay(now))]);
	const items = learningItems(sets, index);
	const session = buildSession({
		now,
		items,
		cards,
		introducedToday,
		newPerDay: settings.newPerDay,
		maxSteps: stepsForMinutes(settings.sessionMinutes)
	});
	const inPlan = new Set(items.map((i) => i.id));
	const due = [...cards.values()].filter((c) => c.due <= now && inPlan.has(c.itemId)).length;
	return {
		due,
		newToday: session.filter((s) => s.isNew).length,
		sessionLength: session.length,
		progress: sets.map((set) => {
			let started = 0;
			let known = 0;
			for (const item of set.items) {
				const card = cards.get(cardKey(item.id, 'recognise'));
				if (!card) continue;
				started++;
				if (card.state === State.Review) known++;
			}
			return { setId: set.id, total: set.items.length, started, known };
		})
	};
}
