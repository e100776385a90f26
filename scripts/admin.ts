/**
 * Staff administration from the command line (stop the server first when it runs on the
 * embedded database; with DATABASE_URL pointing at PostgreSQL it can run alongside).
 *
 *   npm run admin -- list
 *   npm run admin -- create --email kari@skole.no --name "Kari Nordmann" --role teacher [--admin] [--org <organisation name>]
 *   npm run admin -- reset-password --email kari@skole.no
 */
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { DatabaseInUseError, openDatabase } from '../src/lib/server/db';
import { organisations, users } from '../src/lib/server/db/schema';
import { createStaff, generatePassword, listStaff, NewStaffSchema, setPassword, StaffError } from '../src/lib/server/staff';
import { describeIssue } from '../src/lib/sync/protocol';

const { positionals, values } = parseArgs({
	allowPositionals: true,
	options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, admin: { type: 'boolean' }, org: { type: 'string' } }
});

async function main() {
	const command = positionals[0];
	if (!command || !['list', 'create', 'reset-password'].includes(command)) {
		console.log('usage: npm run admin -- list | create --email E --name N --role teacher|specialist|workplace [--admin] [--org NAME] | reset-password --email E');
		return 2;
	}
	const open = await openDatabase();
	try {
		const db = open.db;
		if (command === 'list') {
			for (const s of await listStaff(db)) console.log(`${s.role.padEnd(11)} ${s.admin ? 'admin ' : '      '}${(s.email ?? '').padEnd(30)} ${s.name}  (${s.organisation})`);
			return 0;
		}
		if (command === 'create') {
			const input = v.safeParse(NewStaffSchema, { email: values.email, name: values.name, role: values.role, admin: values.admin ?? false });
			if (!input.success) throw new StaffError(describeIssue(input.issues));
			const orgs = await db.select().from(organisations);
			const org = values.org ? orgs.find((o) => o.name === values.org) : orgs[0];
			const organisationId = org?.id ?? (await db.insert(organisations).values({ name: values.org ?? 'Arbeidsnorsk' }).returning())[0]!.id;
			const { user, password } = await createStaff(db, organisationId, input.output);
			console.log(`Created ${user.role} ${user.email}. First password (give it in person, ask them to change it): ${password}`);
			return 0;
		}
		const [user] = await db.select().from(users).where(eq(sql`lower(${users.email})`, (values.email ?? '').toLowerCase()));
		if (!user) throw new StaffError(`email: no account for ${values.email}`);
		const password = generatePassword();
		await setPassword(db, user.id, password);
		console.log(`New password for ${user.email}: ${password} (all their sessions were ended)`);
		return 0;
	} finally {
		await open.close();
	}
}

main().then(
	(code) => process.exit(code),
	(e) => {
		if (e instanceof StaffError || e instanceof DatabaseInUseError) {
			console.error(e.message);
			process.exit(1);
		}
		throw e;
	}
);
