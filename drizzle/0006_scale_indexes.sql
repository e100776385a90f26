CREATE TABLE "practice_days" (
	"participant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"answers" integer NOT NULL,
	"duration_ms" bigint NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "practice_days_participant_id_day_pk" PRIMARY KEY("participant_id","day")
);
--> statement-breakpoint
ALTER TABLE "practice_days" ADD CONSTRAINT "practice_days_participant_id_users_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "item_state_progress" ON "item_state" USING btree ("participant_id","item_id","direction","state","lapses");--> statement-breakpoint
CREATE INDEX "join_codes_group" ON "join_codes" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "join_codes_created_by" ON "join_codes" USING btree ("created_by");--> statement-breakpoint
-- The derived table starts consistent with the log already stored (days are UTC days).
INSERT INTO "practice_days" ("participant_id", "day", "answers", "duration_ms", "last_at")
SELECT "participant_id", ("at" AT TIME ZONE 'UTC')::date, count(*), sum("duration_ms"), max("at") FROM "review_events" GROUP BY 1, 2;
