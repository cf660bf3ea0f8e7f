CREATE TABLE "stocktake_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stocktake_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"part_id" uuid NOT NULL,
	"lot" text DEFAULT '' NOT NULL,
	"serial" text DEFAULT '' NOT NULL,
	"expiry_date" date,
	"snapshot_quantity" integer NOT NULL,
	"counted_quantity" integer,
	"counted_by_name" text,
	"counted_at" timestamp with time zone,
	"unit_cost_fen" bigint,
	"movement_id" uuid,
	CONSTRAINT "stocktake_lines_line_uq" UNIQUE("stocktake_id","line"),
	CONSTRAINT "stocktake_lines_key_uq" UNIQUE("stocktake_id","part_id","lot","serial"),
	CONSTRAINT "stocktake_lines_qty_ck" CHECK ("stocktake_lines"."snapshot_quantity" >= 0 AND ("stocktake_lines"."counted_quantity" IS NULL OR "stocktake_lines"."counted_quantity" >= 0))
);
--> statement-breakpoint
CREATE TABLE "stocktakes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"location_id" uuid NOT NULL,
	"branch_id" uuid,
	"scope" text NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"submitted_by" uuid,
	"submitted_by_name" text,
	"submitted_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_by_name" text,
	"approved_at" timestamp with time zone,
	"cancelled_by_name" text,
	"cancelled_at" timestamp with time zone,
	"cancel_reason" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stocktakes_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
ALTER TABLE "stocktake_lines" ADD CONSTRAINT "stocktake_lines_stocktake_id_stocktakes_id_fk" FOREIGN KEY ("stocktake_id") REFERENCES "public"."stocktakes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktake_lines" ADD CONSTRAINT "stocktake_lines_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stocktakes" ADD CONSTRAINT "stocktakes_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stocktakes_branch_idx" ON "stocktakes" USING btree ("branch_id","created_at");--> statement-breakpoint
CREATE INDEX "stocktakes_location_idx" ON "stocktakes" USING btree ("location_id","created_at");