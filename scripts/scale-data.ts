/**
 * A year of use at scale, generated in PostgreSQL for the "staff views at scale" benchmark
 * (tests/bench/40-staff-scale.bench.ts): 10 organisations, 200 teachers with two groups of 25,
 * 300 job specialists with about 35 placements each, 1,500 workplaces, 10,000 participants with
 * their grants, assignments and check-ins, and 10,000,000 review events (1,000 each, over 365
 * days, real item ids from the built content), plus the derived tables ingest keeps
 * (item_state, practice_days) computed from those events in SQL.
 *
 *   npx tsx scripts/scale-data.ts [postgres://postgres@127.0.0.1:5432/an_scale]
 *
 * Everything is set-based SQL (INSERT … SELECT … FROM generate_series): indexes are dropped for
 * the bulk load and built after it, then the database is analysed. A marker table records the
 * finished data set and its version, so a second run only checks it. Refuses the `test`
 * database, which the server tests use.
 */
import pg from 'pg';
import { openDatabase } from '../src/lib/server/db';
import { builtInSets } from '../src/lib/server/content-facts';
import { copySet } from '../src/lib/content/edit-set';

/** Bump when the generated data change shape: the next run wipes and regenerates. */
export const SCALE_DATA_VERSION = 4;
export const DEFAULT_SCALE_URL = 'postgres://postgres@127.0.0.1:5432/an_scale';

export const SCALE = {
	organisations: 10,
	teachers: 200,
	groupsPerTeacher: 2,
	groupSize: 25,
	specialists: 300,
	workplaces: 1500,
	workplaceContacts: 500,
	participants: 10_000,
	/** Sessions per participant and answers per session: 100 × 10 = 1,000 events each. */
	sessions: 100,
	answersPerSession: 10
} as const;

export interface ScaleDataInfo {
	version: number;
	/** Seconds the generation took when it ran (recorded in the marker). */
	generationSeconds: number;
	/** True when this call generated the data, false when the marker said it was there. */
	generatedNow: boolean;
	completedAt: Date;
	/** The moment the data set's "now" was: events run up to it. */
	dataNow: Date;
}

/** Deterministic ids, so every table can compute the id of a row it refers to. */
const PREFIX = { org: '0a000000', teacher: '0b000000', specialist: '0c000000', participant: '0d000000', contact: '0e000000', group: '1a000000', workplace: '1b000000' } as const;
export const scaleId = (kind: keyof typeof PREFIX, n: number) => `${PREFIX[kind]}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const idSql = (kind: keyof typeof PREFIX, expr: string) => `('${PREFIX[kind]}-0000-4000-8000-' || lpad((${expr})::text, 12, '0'))::uuid`;

const FIRST = ['Amina', 'Yonas', 'Olena', 'Ahmad', 'Fatima', 'Mohammed', 'Saba', 'Piotr', 'Hodan', 'Tesfay', 'Maryam', 'Dawit', 'Iryna', 'Ali', 'Zahra', 'Abdi', 'Marta', 'Omar', 'Leila', 'Samir'];
const LAST = ['Hassan', 'Tesfaye', 'Kowalski', 'Ahmadi', 'Ali', 'Bondarenko', 'Mohamed', 'Haile', 'Nowak', 'Rahimi', 'Yusuf', 'Kebede', 'Shevchenko', 'Noori', 'Warsame'];
const arr = (xs: readonly string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;

function databaseName(url: string) {
	return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

async function createDatabaseIfMissing(url: string) {
	const name = databaseName(url);
	const admin = new URL(url);
	admin.pathname = '/postgres';
	const client = new pg.Client({ connectionString: admin.toString() });
	await client.connect();
	try {
		const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
		if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
	} finally {
		await client.end();
	}
}

/** Makes sure the scale data set is in the database at `url`, generating it when missing or outdated. */
export async function ensureScaleData(url = DEFAULT_SCALE_URL, log: (m: string) => void = console.log, opts: { maxAgeDays?: number } = {}): Promise<ScaleDataInfo> {
	const name = databaseName(url);
	if (!name || name === 'test') throw new Error(`scale-data: refusing database "${name}" (the server tests use "test"; use an_scale)`);
	await createDatabaseIfMissing(url);
	// The app's own migrations, exactly as the server applies them at start.
	const open = await openDatabase(url);
	await open.close();
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query('create table if not exists scale_data_marker (version int primary key, completed_at timestamptz not null, data_now timestamptz not null, generation_seconds real not null)');
		const { rows } = await client.query('select * from scale_data_marker where version = $1', [SCALE_DATA_VERSION]);
		const age = rows[0] ? (Date.now() - rows[0].data_now.getTime()) / 86_400_000 : 0;
		if (rows[0] && opts.maxAgeDays !== undefined && age > opts.maxAgeDays) log(`scale data v${SCALE_DATA_VERSION} is ${age.toFixed(1)} days old: regenerating, so that "this week" has practice in it`);
		else if (rows[0]) {
			log(`scale data v${SCALE_DATA_VERSION} already present (generated in ${Number(rows[0].generation_seconds).toFixed(0)} s on ${rows[0].completed_at.toISOString()})`);
			return { version: SCALE_DATA_VERSION, generationSeconds: Number(rows[0].generation_seconds), generatedNow: false, completedAt: rows[0].completed_at, dataNow: rows[0].data_now };
		}
		return await generate(client, log);
	} finally {
		await client.end();
	}
}

async function generate(client: pg.Client, log: (m: string) => void): Promise<ScaleDataInfo> {
	const started = Date.now();
	let last = started;
	const step = async (what: string, text: string, values: unknown[] = []) => {
		const res = await client.query(text, values);
		const now = Date.now();
		log(`${what}: ${((now - last) / 1000).toFixed(1)} s${res.rowCount ? ` (${res.rowCount.toLocaleString('en')} rows)` : ''}`);
		last = now;
		return res;
	};
	const sets = builtInSets();
	if (sets.length < 3) throw new Error('scale-data: no built content in static/packs (run npx tsx scripts/build-content.ts)');
	const dataNow = new Date();

	// The bulk load is one session's work: big sort memory, no waiting for each commit, and no
	// per-row foreign-key triggers (the generated ids are consistent by construction).
	await client.query(`set maintenance_work_mem = '512MB'`);
	await client.query(`set work_mem = '512MB'`);
	await client.query(`set synchronous_commit = off`);
	await client.query(`set session_replication_role = replica`);

	// One transaction, so a run that fails leaves the old data and every index as they were.
	await client.query('begin');
	await step('wipe', `delete from scale_data_marker; truncate organisations, rate_limits restart identity cascade`);

	// Indexes on the big tables go away for the load and come back at the end.
	const { rows: bigIndexes } = await client.query<{ name: string; def: string; constraint: string | null; table: string }>(
		`select i.relname as name, pg_get_indexdef(i.oid) as def, c.conname as constraint, t.relname as table
		   from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
		   left join pg_constraint c on c.conindid = i.oid and c.contype = 'p'
		  where t.relname in ('review_events', 'item_state', 'practice_days') and t.relnamespace = 'public'::regnamespace`
	);
	for (const ix of bigIndexes) {
		await client.query(ix.constraint ? `alter table ${ix.table} drop constraint ${ix.constraint}` : `drop index ${ix.name}`);
	}

	// Content: 18 built-in sets; each teacher also has two copies of their own (custom sets).
	const setIds = sets.map((s) => s.id);
	const slots: { setIdx: number; slot: number; itemId: string }[] = [];
	sets.forEach((s, setIdx) => {
		for (let slot = 0; slot < 45; slot++) slots.push({ setIdx, slot, itemId: s.items[slot % s.items.length]!.id });
	});
	await client.query('create temp table scale_items (set_idx int, slot int, item_id text, slug text, primary key (set_idx, slot))');
	await client.query(`insert into scale_items select s, l, i, substr(i, strpos(i, '.') + 1) from unnest($1::int[], $2::int[], $3::text[]) as u(s, l, i)`, [
		slots.map((s) => s.setIdx),
		slots.map((s) => s.slot),
		slots.map((s) => s.itemId)
	]);
	const S = sets.length;
	const T = SCALE.teachers;
	const G = SCALE.teachers * SCALE.groupsPerTeacher;
	const P = SCALE.participants;

	await step('organisations', `insert into organisations (id, name) select ${idSql('org', 'o')}, 'Kommune ' || (o + 1) from generate_series(0, ${SCALE.organisations - 1}) o`);
	await step(
		'staff',
		`insert into users (id, organisation_id, role, email, display_name, phone)
		 select ${idSql('teacher', 't')}, ${idSql('org', `t % ${SCALE.organisations}`)}, 'teacher'::role, 'teacher' || t || '@scale.example', 'Lærer ' || t, null from generate_series(0, ${T - 1}) t
		 union all
		 select ${idSql('specialist', 's')}, ${idSql('org', `s % ${SCALE.organisations}`)}, 'specialist'::role, 'specialist' || s || '@scale.example', 'Jobbspesialist ' || s, '+47 4000' || lpad(s::text, 4, '0') from generate_series(0, ${SCALE.specialists - 1}) s
		 union all
		 select ${idSql('contact', 'w')}, ${idSql('org', `w % ${SCALE.organisations}`)}, 'workplace'::role, 'fadder' || w || '@scale.example', 'Fadder ' || w, null from generate_series(0, ${SCALE.workplaceContacts - 1}) w`
	);
	// Participant p is in group p / 25; group g belongs to teacher g % 200 (same organisation).
	const orgOfP = `((p / ${SCALE.groupSize}) % ${SCALE.organisations})`;
	await step(
		'participants',
		`insert into users (id, organisation_id, role, display_name, created_at)
		 select ${idSql('participant', 'p')}, ${idSql('org', orgOfP)}, 'participant',
		        (${arr(FIRST)})[1 + p % ${FIRST.length}] || ' ' || (${arr(LAST)})[1 + (p / ${FIRST.length}) % ${LAST.length}] || ' ' || p,
		        $1::timestamptz - interval '380 days'
		   from generate_series(0, ${P - 1}) p`,
		[dataNow]
	);
	await step(
		'groups',
		`insert into groups (id, organisation_id, name, teacher_id) select ${idSql('group', 'g')}, ${idSql('org', `g % ${SCALE.organisations}`)}, 'Norsk ' || (g / ${T} + 1) || ' – kull ' || g, ${idSql('teacher', `g % ${T}`)} from generate_series(0, ${G - 1}) g`
	);
	await step(
		'group members',
		`insert into group_members (group_id, participant_id, created_at) select ${idSql('group', `p / ${SCALE.groupSize}`)}, ${idSql('participant', 'p')}, $1::timestamptz - interval '370 days' from generate_series(0, ${P - 1}) p`,
		[dataNow]
	);
	// Codes made over the year: ten expired or revoked per group and per specialist, one still working.
	await step(
		'join codes',
		`insert into join_codes (code, kind, group_id, created_by, expires_at, revoked_at)
		 select 'G' || lpad(g::text, 5, '0') || 'X' || k, 'group', ${idSql('group', 'g')}, ${idSql('teacher', `g % ${T}`)},
		        $1::timestamptz + (k * 30 - 300) * interval '1 day' + interval '10 days', case when k % 4 = 1 then $1::timestamptz - interval '400 days' + k * interval '30 days' end
		   from generate_series(0, ${G - 1}) g, generate_series(0, 10) k
		 union all
		 select 'C' || lpad(s::text, 5, '0') || 'X' || k, 'caseload', null, ${idSql('specialist', 's')},
		        $1::timestamptz + (k * 30 - 300) * interval '1 day' + interval '10 days', null
		   from generate_series(0, ${SCALE.specialists - 1}) s, generate_series(0, 10) k`,
		[dataNow]
	);
	const customBodies = Array.from({ length: T * 2 }, (_, n) => {
		const t = Math.floor(n / 2);
		const id = `t-sc${String(n).padStart(4, '0')}`;
		const from = sets[(t + (n % 2) * 7) % S]!;
		return { id, owner: scaleId('teacher', t), org: scaleId('org', t % SCALE.organisations), basedOn: from.id, body: copySet(from, id, `Vår ${from.title.nb.toLowerCase()}`) };
	});
	await step(
		'custom sets',
		`insert into custom_sets (id, organisation_id, owner_id, based_on, body) select * from unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::jsonb[])`,
		[customBodies.map((c) => c.id), customBodies.map((c) => c.org), customBodies.map((c) => c.owner), customBodies.map((c) => c.basedOn), customBodies.map((c) => JSON.stringify(c.body))]
	);
	await step(
		'workplaces and contacts',
		`insert into workplaces (id, organisation_id, name, card, specialist_id)
		 select ${idSql('workplace', 'w')}, ${idSql('org', `w % ${SCALE.organisations}`)}, (array['Kantina','Sykehjemmet','Lageret','Hotellet','Barnehagen','Butikken'])[1 + w % 6] || ' ' || w,
		        jsonb_build_object('address', 'Storgata ' || w, 'start', '07:30', 'contact', 'Fadder ' || w),
		        ${idSql('specialist', `w % ${SCALE.specialists}`)}
		   from generate_series(0, ${SCALE.workplaces - 1}) w;
		 insert into workplace_contacts (workplace_id, user_id) select ${idSql('workplace', 'w')}, ${idSql('contact', 'w')} from generate_series(0, ${SCALE.workplaceContacts - 1}) w`
	);
	// Each participant has an open placement with a specialist of their organisation (about 33
	// each); one in ten is not placed at a workplace yet, one in twenty also has an ended one.
	const specOf = (shift: string) => `${orgOfP} + ${SCALE.organisations} * ((p + ${shift}) % ${SCALE.specialists / SCALE.organisations})`;
	await step(
		'placements',
		`insert into placements (participant_id, workplace_id, specialist_id, start_date, ended_at)
		 select ${idSql('participant', 'p')}, case when p % 10 = 3 then null else ${idSql('workplace', `${orgOfP} + ${SCALE.organisations} * ((p * 7) % ${SCALE.workplaces / SCALE.organisations})`)} end,
		        ${idSql('specialist', specOf('0'))}, ($1::timestamptz - (20 + p % 300) * interval '1 day')::date, null
		   from generate_series(0, ${P - 1}) p
		 union all
		 select ${idSql('participant', 'p')}, null, ${idSql('specialist', specOf('1'))}, ($1::timestamptz - interval '360 days')::date, $1::timestamptz - interval '200 days'
		   from generate_series(0, ${P - 1}) p where p % 20 = 7`,
		[dataNow]
	);
	// Grants (DESIGN, sharing table): 80 % share everything their teacher and specialist may
	// see, 10 % share less, 5 % revoked what they had shared, 5 % never shared anything.
	await step(
		'share grants',
		`insert into share_grants (participant_id, audience, scope, granted, changed_at)
		 select ${idSql('participant', 'p')}, a::audience, s::share_scope,
		        case when p % 20 < 16 then true when p % 20 < 18 then (a, s) in (('teacher', 'activity'), ('specialist', 'sets'), ('specialist', 'activity')) else false end,
		        $1::timestamptz - interval '300 days' + (p % 200) * interval '1 day'
		   from generate_series(0, ${P - 1}) p,
		        (values ('teacher', 'activity'), ('teacher', 'items'), ('specialist', 'sets'), ('specialist', 'activity'), ('specialist', 'items'), ('specialist', 'checkins'), ('workplace', 'sets')) as g(a, s)
		  where p % 20 <> 19`,
		[dataNow]
	);
	// Each group: a built-in set due a month ago, one due in five days (goal 80 %), and one of
	// the teacher's own sets; one participant in ten also has a set of their own from the specialist.
	await step(
		'assignments',
		`insert into assignments (set_id, group_id, participant_id, due_date, goal, created_by, created_at)
		 select (${arr(setIds)})[1 + g % ${S}], ${idSql('group', 'g')}, null::uuid, ($1::timestamptz - interval '30 days')::date, null::real, ${idSql('teacher', `g % ${T}`)}, $1::timestamptz - interval '200 days' from generate_series(0, ${G - 1}) g
		 union all
		 select (${arr(setIds)})[1 + (g + 5) % ${S}], ${idSql('group', 'g')}, null, ($1::timestamptz + interval '5 days')::date, 0.8, ${idSql('teacher', `g % ${T}`)}, $1::timestamptz - interval '100 days' from generate_series(0, ${G - 1}) g
		 union all
		 select 't-sc' || lpad(((g % ${T}) * 2 + g / ${T})::text, 4, '0'), ${idSql('group', 'g')}, null, null, null, ${idSql('teacher', `g % ${T}`)}, $1::timestamptz - interval '150 days' from generate_series(0, ${G - 1}) g
		 union all
		 select (${arr(setIds)})[1 + p % ${S}], null, ${idSql('participant', 'p')}, null, null, ${idSql('specialist', specOf('0'))}, $1::timestamptz - interval '60 days' from generate_series(0, ${P - 1}) p where p % 10 = 0`,
		[dataNow]
	);
	await step(
		'check-ins',
		`insert into checkins (id, participant_id, point, scores, hard, at)
		 select gen_random_uuid(), ${idSql('participant', 'p')}, (array['day-1','week-1','month-1','month-3'])[k + 1],
		        jsonb_build_object('sure', 3 + (p + k) % 7, 'pace', 4 + (p * 3 + k) % 6, 'help', 5 + (p + 2 * k) % 5, 'belonging', 2 + (p * 7 + k) % 8),
		        (array['["words"]', '["speed","instructions"]', '["colleagues"]', '["travel","words"]'])[1 + (p + k) % 4]::jsonb,
		        $1::timestamptz - (20 + p % 300) * interval '1 day' + (array[0, 7, 30, 91])[k + 1] * interval '1 day' + interval '15 hours'
		   from generate_series(0, ${P - 1}) p, generate_series(0, 3) k
		  where p % 10 <> 3 and (array[0, 7, 30, 91])[k + 1] <= 20 + p % 300`,
		[dataNow]
	);

	// The review log. Rows come out session by session across everyone (s outermost, forced by
	// the lateral joins), so one participant's 1,000 events are scattered over the table as after
	// a year of syncing, not stored together. Four in five participants practise all year, up to
	// the last few days (a session every 3–4 days); one in five stopped after about nine months. Each works through
	// their group's three sets (135 items) in turn, both directions, about 3.7 answers per card.
	// Ids are UUIDv7 (time, then a counter), made from integers: gen_random_uuid() would take
	// most of the load time.
	const seqBase = Number((await client.query(`select nextval('sync_seq') as n`)).rows[0].n);
	const Q = SCALE.answersPerSession;
	await step(
		'group items',
		`create temp table group_items as
		 select g, w * 45 + i.slot as k,
		        case when w = 2 then 't-sc' || lpad(((g % ${T}) * 2 + g / ${T})::text, 4, '0') || '.' || i.slug else i.item_id end as item_id
		   from generate_series(0, ${G - 1}) g, generate_series(0, 2) w
		   join scale_items i on true
		  where i.set_idx = case w when 0 then g % ${S} when 1 then (g + 5) % ${S} else ((g % ${T}) + (g / ${T}) * 7) % ${S} end;
		 create index on group_items (g, k); analyze group_items`
	);
	const startMs = dataNow.getTime() - 365 * 86_400_000;
	await step(
		'review events (10,000,000)',
		`insert into review_events (id, participant_id, item_id, direction, kind, grade, at, duration_ms, device_id, received_at, clock_skew_ms, seq)
		 select encode(int8send((x.ms << 16) | 28672 | (x.p % 4096)) || int8send((-9223372036854775807 - 1) | x.seq), 'hex')::uuid,
		        ${idSql('participant', 'x.p')}, gi.item_id,
		        case when x.produce then 'produce' else 'recognise' end,
		        case when x.produce then (array['meaning-choose','type-heard','build-sentence','say-it'])[1 + x.j % 4] else (array['listen-choose','fill-gap','match-pairs'])[1 + x.j % 3] end,
		        case when x.r < 0.10 + (x.p % 4 = 0)::int * 0.08 then 1 when x.r < 0.22 then 2 when x.r < 0.85 then 3 else 4 end::smallint,
		        to_timestamp(x.ms / 1000.0), 1500 + (random() * 9000)::int,
		        'dev-' || x.p || case when x.s > 60 and x.p % 7 = 0 then '-b' else '' end,
		        to_timestamp(x.ms / 1000.0 + 3), null, x.seq
		   from (
		     select s, p, j, random() as r, p / ${SCALE.groupSize} as g,
		            ((s * ${Q} + j) % 3) * 45 + ((s * ${Q} + j) / 3 + p) % 45 as k,
		            ((s * ${Q} + j) / 135 + p) % 3 = 0 as produce,
		            ${seqBase}::bigint + s * ${P * Q} + p * ${Q} + j as seq,
		            ${startMs}::bigint + ((case when p % 5 = 0 then floor(s * 2.7) + p % 3 else 364 - floor((${SCALE.sessions - 1} - s) * 3.6) - p % 3 end * 86400000))::bigint
		              + (7 + p % 12 + s % 3) * 3600000::bigint + j * 25000 + (p % 60) * 60000 as ms
		       from generate_series(0, ${SCALE.sessions - 1}) s,
		            lateral generate_series(0 * s, ${P - 1}) p,
		            lateral generate_series(0 * (s + p), ${Q - 1}) j
		   ) x
		   join group_items gi on gi.g = x.g and gi.k = x.k`
	);
	await client.query(`select setval('sync_seq', (select max(seq) from review_events) + 1)`);

	// item_state as ingest keeps it: one row per participant, item and direction. The FSRS
	// replay is approximated in SQL (reps, lapses = Agains after the first answer, state from the
	// last grade, stability growing with successful reps), close enough for the staff views, which
	// read state, reps, lapses, due and last review.
	await step(
		'item_state (derived)',
		`insert into item_state (participant_id, item_id, direction, card, due, reps, lapses, state, last_review)
		 select participant_id, item_id, direction,
		        jsonb_build_object('key', item_id || '|' || direction, 'itemId', item_id, 'direction', direction, 'safety', item_id like 'safety.%',
		          'due', (extract(epoch from due) * 1000)::bigint, 'stability', stability, 'difficulty', least(10, 4.5 + lapses * 0.9),
		          'elapsedDays', 0, 'scheduledDays', case when state = 2 then round(stability) else 0 end, 'learningSteps', 0,
		          'reps', reps, 'lapses', lapses, 'state', state, 'lastReview', last_ms, 'introducedAt', first_ms),
		        due, reps, lapses, state, to_timestamp(last_ms / 1000.0)
		   from (
		     select *, to_timestamp(last_ms / 1000.0) + case when state = 2 then stability * interval '1 day' else interval '10 minutes' end as due
		       from (
		         select *, case when last_grade = 1 and lapses > 0 then 3 when last_grade = 1 then 1 when reps >= 2 or last_grade = 4 then 2 else 1 end::smallint as state,
		                round((0.5 * power(2.1, least(greatest(reps - 2 * lapses, 0), 9)))::numeric, 2)::float8 as stability
		           from (
		             select participant_id, item_id, direction, count(*)::int as reps,
		                    (count(*) filter (where grade = 1) - (min(k) % 10 = 1)::int)::int as lapses,
		                    (max(k) % 10)::int as last_grade, max(k) / 10 as last_ms, min(k) / 10 as first_ms
		               from (select participant_id, item_id, direction, grade, (extract(epoch from at) * 1000)::bigint * 10 + grade as k from review_events) e
		              group by participant_id, item_id, direction
		           ) a
		       ) b
		   ) c`
	);
	const { rows: hasDays } = await client.query(`select to_regclass('public.practice_days') is not null as present`);
	if (hasDays[0].present) {
		await step(
			'practice_days (derived)',
			`insert into practice_days (participant_id, day, answers, duration_ms, last_at)
			 select participant_id, (at at time zone 'UTC')::date, count(*), sum(duration_ms), max(at) from review_events group by 1, 2`
		);
	}
	for (const ix of bigIndexes) {
		await step(`index ${ix.name}`, ix.def);
		if (ix.constraint) await client.query(`alter table ${ix.table} add constraint ${ix.constraint} primary key using index ${ix.name}`);
	}
	await client.query('commit');
	await client.query('set session_replication_role = origin');
	await step('vacuum analyze', 'vacuum (analyze) ');
	const seconds = (Date.now() - started) / 1000;
	await client.query('insert into scale_data_marker (version, completed_at, data_now, generation_seconds) values ($1, now(), $2, $3)', [SCALE_DATA_VERSION, dataNow, seconds]);
	log(`scale data v${SCALE_DATA_VERSION} generated in ${seconds.toFixed(0)} s`);
	return { version: SCALE_DATA_VERSION, generationSeconds: seconds, generatedNow: true, completedAt: new Date(), dataNow };
}

/** Row counts and sizes of the tables that matter at scale. */
export async function scaleDataSize(url = DEFAULT_SCALE_URL) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const { rows } = await client.query<{ table: string; rows: string; table_bytes: string; index_bytes: string }>(
			`select c.relname as table, greatest(c.reltuples, s.n_live_tup)::bigint as rows, pg_table_size(c.oid) as table_bytes, pg_indexes_size(c.oid) as index_bytes
			   from pg_class c join pg_stat_user_tables s on s.relid = c.oid where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
			  order by pg_total_relation_size(c.oid) desc`
		);
		const { rows: db } = await client.query<{ bytes: string }>('select pg_database_size(current_database()) as bytes');
		return { tables: rows.map((r) => ({ table: r.table, rows: Number(r.rows), tableBytes: Number(r.table_bytes), indexBytes: Number(r.index_bytes) })), databaseBytes: Number(db[0]!.bytes) };
	} finally {
		await client.end();
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const url = process.argv[2] ?? process.env.SCALE_DATABASE_URL ?? DEFAULT_SCALE_URL;
	const info = await ensureScaleData(url);
	const size = await scaleDataSize(url);
	for (const t of size.tables.slice(0, 8)) console.log(`${t.table.padEnd(18)} ${t.rows.toLocaleString('en').padStart(12)} rows  table ${(t.tableBytes / 2 ** 20).toFixed(0)} MiB  indexes ${(t.indexBytes / 2 ** 20).toFixed(0)} MiB`);
	console.log(`database ${(size.databaseBytes / 2 ** 30).toFixed(2)} GiB; data v${info.version}, generated in ${info.generationSeconds.toFixed(0)} s`);
}
