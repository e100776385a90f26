/**
 * Staff views at scale (issue 8): a teacher's group page and a job specialist's caseload page on
 * PostgreSQL with 10,000 participants and 10,000,000 review events (scripts/scale-data.ts, in the
 * database `an_scale` beside the one DATABASE_URL names). Server time of the real load functions
 * (lib/server/staff-views.ts), access checks and audit-log writes included.
 */
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../../src/lib/server/db';
import { groups, users } from '../../src/lib/server/db/schema';
import { ownGroup } from '../../src/lib/server/groups';
import { caseloadView, groupView } from '../../src/lib/server/staff-views';
import { ensureScaleData, scaleDataSize, SCALE, scaleId } from '../../scripts/scale-data';
import { median, ms, percentile, type BenchContext, type BenchSection } from './report';

const RUNS = 220;
const WARM_UP = 10;
const GOAL_MS = 100;
const ORIGIN = 'https://arbeidsnorsk.example';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export async function bench(ctx: BenchContext): Promise<BenchSection> {
	const title = 'Staff views at scale (PostgreSQL, 10,000 participants, 10 million review events)';
	if (!ctx.postgresUrl) {
		return {
			title,
			rows: [
				{ what: "A teacher's group view", figure: 'not measured', goal: `p95 ≤ ${GOAL_MS} ms`, met: null },
				{ what: "A job specialist's caseload", figure: 'not measured', goal: `p95 ≤ ${GOAL_MS} ms`, met: null }
			],
			notes: ['Needs PostgreSQL: run with DATABASE_URL=postgres://… (the data set goes into the database `an_scale` on that server).']
		};
	}
	const url = new URL(ctx.postgresUrl);
	url.pathname = '/an_scale';
	const info = await ensureScaleData(url.toString(), ctx.log, { maxAgeDays: 6 });
	const open = await openDatabase(url.toString());
	const db = open.db;
	try {
		const staff = async (id: string) => (await db.select().from(users).where(eq(users.id, id)))[0]!;
		const groupCount = SCALE.teachers * SCALE.groupsPerTeacher;
		// Different groups (and so different teachers and members) on every run; the same for specialists.
		const groupRun = async (i: number) => {
			const g = (i * 7) % groupCount;
			const me = await staff(scaleId('teacher', g % SCALE.teachers));
			const t = performance.now();
			const group = await ownGroup(db, me, scaleId('group', g));
			if (!group) throw new Error(`no group ${g}`);
			const view = await groupView(db, me, group, ORIGIN);
			return { ms: performance.now() - t, members: view.progress.members.length };
		};
		const caseloadRun = async (i: number) => {
			const me = await staff(scaleId('specialist', (i * 7) % SCALE.specialists));
			const t = performance.now();
			const view = await caseloadView(db, me, ORIGIN);
			return { ms: performance.now() - t, people: view.people.length };
		};
		const measure = async (run: (i: number) => Promise<{ ms: number }>) => {
			for (let i = 0; i < WARM_UP; i++) await run(RUNS + i);
			const times: number[] = [];
			for (let i = 0; i < RUNS; i++) times.push((await run(i)).ms);
			return { p50: median(times), p95: percentile(times, 0.95), p99: percentile(times, 0.99) };
		};
		const audited = async () => Number(((await db.execute(sql`select count(*) as n from audit_log`)) as unknown as { rows: { n: string }[] }).rows[0]!.n);
		const audit0 = await audited();
		const group = await measure(groupRun);
		const audit1 = await audited();
		const cases = await measure(caseloadRun);
		const audit2 = await audited();
		const plans = await keyPlans(db);
		const size = await scaleDataSize(url.toString());
		const table = (name: string) => size.tables.find((t) => t.table === name);
		const sized = ['review_events', 'item_state', 'practice_days', 'audit_log']
			.map((n) => table(n))
			.filter((t) => !!t)
			.map((t) => `${t.table} ${t.rows.toLocaleString('en')} rows (${mib(t.tableBytes)} + ${mib(t.indexBytes)} indexes)`);
		const figure = (r: { p50: number; p95: number; p99: number }) => `p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, p99 ${ms(r.p99)}`;
		const perRun = (n: number) => (n / (RUNS + WARM_UP)).toFixed(0);
		return {
			title,
			rows: [
				{ what: `A teacher's group view (group page load, ${SCALE.groupSize} members, ${RUNS} runs over different groups)`, figure: figure(group), goal: `p95 ≤ ${GOAL_MS} ms`, met: group.p95 <= GOAL_MS },
				{ what: `A job specialist's caseload (caseload page load, 33 people on average, ${RUNS} runs over different specialists)`, figure: figure(cases), goal: `p95 ≤ ${GOAL_MS} ms`, met: cases.p95 <= GOAL_MS },
				{ what: 'Data set', figure: `${sized.join('; ')}; database ${(size.databaseBytes / 2 ** 30).toFixed(2)} GiB`, goal: '10,000,000 events', met: null },
				{
					what: 'Generating the data set (scripts/scale-data.ts)',
					figure: `${info.generationSeconds.toFixed(0)} s${info.generatedNow ? ' (this run)' : ` (on ${info.completedAt.toISOString().slice(0, 10)}; this run found it)`}`,
					goal: '',
					met: null
				}
			],
			notes: [
				`**Staff views at scale**: \`scripts/scale-data.ts\` fills the database \`an_scale\` (beside the one DATABASE_URL names) once, set-based in SQL, and records it in a marker table; later runs reuse it (it is regenerated when older than six days, so "this week" has practice in it). Server time is the page's load function end to end (\`ownGroup\` + \`groupView\`, \`caseloadView\` in \`lib/server/staff-views.ts\`) over the app's own pool of ${process.env.DATABASE_POOL ?? 10} connections, access checks and audit-log writes included (${perRun(audit1 - audit0)} audit rows per group view, ${perRun(audit2 - audit1)} per caseload), after ${WARM_UP} warm-up runs; no HTTP or rendering.`,
				`**Plans on the 10M data set** (EXPLAIN ANALYZE, BUFFERS, for one group's 25 members, this run): days this week — ${plans.days}; known words and lapses — ${plans.cards}; the caseload's relation check — ${plans.caseload}.`,
				'**Before** (same data, same machine, 2026-11-24): group view p50 536 ms, p95 801 ms, p99 974 ms; caseload p50 397 ms, p95 654 ms, p99 710 ms. The group page ran about 10 queries per member (two access checks of two queries each, an audit insert and commit per look, days this week from `review_events` — an index scan of the member\'s whole history through `review_events_participant_item`, 1,000 rows read and 990 filtered out, about 750 buffers per member — and one `item_state` query per assignment plus one for lapses, each a heap page per card: 6,000 cards on 5,900 heap pages for a group); `listSets` read every set body of the organisation (40 × 30 kB of jsonb) just for titles. The caseload did the same per person (about 20 queries each, in parallel), and read a whole custom set body per person for a title.',
				'**What changed**: one access check (`viewable`: relation and grants for all members in two queries) and one audit insert per page; `practice_days` (kept by ingest in the sync transaction) for days practised; one read of the members\' cards through the covering index `item_state_progress` (index-only) for known words and lapses; generated `title`/`emoji`/`item_count` columns on `custom_sets` so lists and titles never read bodies; indexes on `join_codes` by group and maker. A page is now a fixed 11–12 queries, whatever the group or caseload size.',
				'**What limits the rest**: the audit insert (a commit, so a WAL flush) is the single most expensive step of both pages; the item_state read is about 6,000 index tuples for a group of 25 with 3 sets, and is index-only only while the visibility map is current (a card updated since the last vacuum costs a heap visit), so autovacuum must keep up with item_state; the machine is 2 shared cores, with other engineers\' tests running, so tails (p99) move with their load. The data set is freshly vacuumed, so the index-only scan here is the best case. Days are UTC days (as the old queries on this server counted them). The participant page (one person) still reads that person\'s events for its 28-day and weekly figures (about 1,000 rows through `review_events_participant_item`). Generation is CPU-bound on the same 2 cores: the event insert and the item_state aggregation over 10M rows take most of it; item_state is approximated in SQL (reps, lapses, state from the last grade), not replayed through FSRS.'
			]
		};
	} finally {
		await open.close();
	}
}

/** The key facts of the plans behind the two pages, measured on the data set. */
async function keyPlans(db: import('../../src/lib/server/db').Database) {
	const members = `(select participant_id from group_members where group_id = '${scaleId('group', 50)}')`;
	const explain = async (query: string) => {
		const res = (await db.execute(sql.raw(`explain (analyze, buffers, format json) ${query}`))) as unknown as { rows: { 'QUERY PLAN': unknown }[] };
		const plan = (res.rows[0]!['QUERY PLAN'] as { Plan: PlanNode; 'Execution Time': number }[])[0]!;
		const nodes: PlanNode[] = [];
		const walk = (n: PlanNode) => {
			nodes.push(n);
			n.Plans?.forEach(walk);
		};
		walk(plan.Plan);
		const scans = nodes.filter((n) => n['Index Name'] || n['Relation Name']);
		const main = scans.find((n) => n['Relation Name'] !== 'group_members') ?? scans[0]!;
		const hit = plan.Plan['Shared Hit Blocks'] ?? 0;
		const read = plan.Plan['Shared Read Blocks'] ?? 0;
		return `${main['Node Type']}${main['Index Name'] ? ` on ${main['Index Name']}` : ''}, ${(main['Actual Rows'] ?? 0) * (main['Actual Loops'] ?? 1)} rows${main['Heap Fetches'] !== undefined ? `, ${main['Heap Fetches']} heap fetches` : ''}, ${hit + read} buffers, ${plan['Execution Time'].toFixed(1)} ms`;
	};
	// The items of the group's three assigned sets, as the page passes them (a literal list).
	const items = ((await db.execute(sql.raw(`select distinct item_id from item_state where participant_id = '${scaleId('participant', 1250)}'`))) as unknown as { rows: { item_id: string }[] }).rows.map((r) => r.item_id);
	return {
		days: await explain(`select participant_id, count(*) from practice_days where participant_id in ${members} and day >= current_date - 7 and last_at > now() - interval '7 days' group by participant_id`),
		cards: await explain(`select participant_id, item_id, direction, state, lapses from item_state where participant_id in ${members} and item_id = any('{${items.join(',')}}'::text[])`),
		caseload: await explain(`select distinct participant_id from placements where participant_id in (select participant_id from placements where specialist_id = '${scaleId('specialist', 5)}') and specialist_id = '${scaleId('specialist', 5)}' and ended_at is null`)
	};
}

interface PlanNode {
	'Node Type': string;
	'Index Name'?: string;
	'Relation Name'?: string;
	'Actual Rows'?: number;
	'Actual Loops'?: number;
	'Heap Fetches'?: number;
	'Shared Hit Blocks'?: number;
	'Shared Read Blocks'?: number;
	Plans?: PlanNode[];
}
