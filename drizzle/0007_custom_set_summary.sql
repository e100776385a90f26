ALTER TABLE "custom_sets" ADD COLUMN "title" text GENERATED ALWAYS AS ("body"->'title'->>'nb') STORED;--> statement-breakpoint
ALTER TABLE "custom_sets" ADD COLUMN "emoji" text GENERATED ALWAYS AS ("body"->>'emoji') STORED;--> statement-breakpoint
ALTER TABLE "custom_sets" ADD COLUMN "item_count" integer GENERATED ALWAYS AS (jsonb_array_length("body"->'items')) STORED;