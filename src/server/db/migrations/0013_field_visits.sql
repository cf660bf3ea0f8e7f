CREATE TABLE "visit_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"quote_version" integer NOT NULL,
	"method" text NOT NULL,
	"status" text NOT NULL,
	"signature_id" uuid,
	"signer_name" text,
	"token_hash" text,
	"expires_at" timestamp with time zone,
	"total_fen" bigint NOT NULL,
	"customer_pays_fen" bigint NOT NULL,
	"terms" jsonb NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "visit_consents_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "visit_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"work_order_id" uuid NOT NULL,
	"unit_id" uuid,
	"line" integer NOT NULL,
	"part_id" uuid NOT NULL,
	"part_code" text NOT NULL,
	"part_name" text NOT NULL,
	"quantity" integer NOT NULL,
	"serials" text[] DEFAULT '{}'::text[] NOT NULL,
	"lot" text DEFAULT '' NOT NULL,
	"source" text NOT NULL,
	"designated" boolean NOT NULL,
	"unit_cost_fen" bigint NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"warranty_months" integer NOT NULL,
	"covered" boolean NOT NULL,
	"coverage" text,
	"old_part_return" boolean NOT NULL,
	"old_serial" text DEFAULT '' NOT NULL,
	"ledger_request_id" text,
	"requisition_id" uuid,
	"fitted_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "visit_parts_line_uq" UNIQUE("visit_id","line"),
	CONSTRAINT "visit_parts_qty_ck" CHECK ("visit_parts"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "visit_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"step" text NOT NULL,
	"kind" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage" text NOT NULL,
	"storage_key" text NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "visit_photos_key_uq" UNIQUE("visit_id","idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "visit_signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"visit_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"signer_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_steps" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"visit_id" uuid NOT NULL,
	"step" text NOT NULL,
	"target" text,
	"reason" text,
	"data" jsonb NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"source" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"idempotency_key" text,
	"request_hash" text,
	"version_after" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visit_test_readings" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"visit_id" uuid NOT NULL,
	"step_id" bigint NOT NULL,
	"mode" text NOT NULL,
	"name" text NOT NULL,
	"value" double precision NOT NULL,
	"unit" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"work_order_number" text NOT NULL,
	"branch_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"unit_id" uuid,
	"visit_no" integer NOT NULL,
	"kind" text NOT NULL,
	"previous_visit_id" uuid,
	"technician_id" uuid NOT NULL,
	"technician_name" text NOT NULL,
	"technician_staff_no" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"window_start" timestamp with time zone,
	"window_end" timestamp with time zone,
	"eta_at" timestamp with time zone,
	"departed_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"arrival_lat" double precision,
	"arrival_lng" double precision,
	"arrival_distance_m" integer,
	"late_minutes" integer,
	"fault_category" text,
	"fault_code_id" uuid,
	"fault_code" text,
	"cause" text,
	"complexity" text,
	"standard_minutes" integer,
	"difficulty" integer,
	"expected_finish_at" timestamp with time zone,
	"repair_due_at" timestamp with time zone,
	"delay_count" integer DEFAULT 0 NOT NULL,
	"quote_version" integer DEFAULT 0 NOT NULL,
	"quote" jsonb,
	"total_fen" bigint,
	"customer_pays_fen" bigint,
	"warranty_fen" bigint,
	"consented_quote_version" integer,
	"work_done" text DEFAULT '' NOT NULL,
	"advice" text[] DEFAULT '{}'::text[] NOT NULL,
	"office_note" text DEFAULT '' NOT NULL,
	"requisition_id" uuid,
	"finished_at" timestamp with time zone,
	"end_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "visits_order_no_uq" UNIQUE("work_order_id","visit_no")
);
--> statement-breakpoint
ALTER TABLE "visit_consents" ADD CONSTRAINT "visit_consents_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_consents" ADD CONSTRAINT "visit_consents_signature_id_visit_signatures_id_fk" FOREIGN KEY ("signature_id") REFERENCES "public"."visit_signatures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_parts" ADD CONSTRAINT "visit_parts_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_photos" ADD CONSTRAINT "visit_photos_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_signatures" ADD CONSTRAINT "visit_signatures_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_steps" ADD CONSTRAINT "visit_steps_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_test_readings" ADD CONSTRAINT "visit_test_readings_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visit_test_readings" ADD CONSTRAINT "visit_test_readings_step_id_visit_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."visit_steps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "visit_consents_visit_idx" ON "visit_consents" USING btree ("visit_id","quote_version");--> statement-breakpoint
CREATE INDEX "visit_parts_unit_idx" ON "visit_parts" USING btree ("unit_id","part_id");--> statement-breakpoint
CREATE INDEX "visit_parts_order_idx" ON "visit_parts" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "visit_photos_visit_idx" ON "visit_photos" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visit_signatures_visit_idx" ON "visit_signatures" USING btree ("visit_id");--> statement-breakpoint
CREATE INDEX "visit_steps_visit_idx" ON "visit_steps" USING btree ("visit_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "visit_steps_key_uq" ON "visit_steps" USING btree ("visit_id","idempotency_key") WHERE "visit_steps"."idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "visit_test_readings_visit_idx" ON "visit_test_readings" USING btree ("visit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "visits_one_open_per_order_uq" ON "visits" USING btree ("work_order_id") WHERE "visits"."status" IN ('open', 'proposed');--> statement-breakpoint
CREATE INDEX "visits_technician_idx" ON "visits" USING btree ("technician_id","window_start");--> statement-breakpoint
CREATE INDEX "visits_branch_idx" ON "visits" USING btree ("branch_id","status");--> statement-breakpoint
CREATE INDEX "visits_unit_idx" ON "visits" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "visits_customer_idx" ON "visits" USING btree ("customer_id");--> statement-breakpoint
-- The visit log is append-only: a step is never edited or deleted; a redo or a correction is a new row.
CREATE OR REPLACE FUNCTION visit_steps_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'visit_steps is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER visit_steps_no_update BEFORE UPDATE OR DELETE ON visit_steps
  FOR EACH ROW EXECUTE FUNCTION visit_steps_append_only();
--> statement-breakpoint
CREATE TRIGGER visit_steps_no_truncate BEFORE TRUNCATE ON visit_steps
  FOR EACH STATEMENT EXECUTE FUNCTION visit_steps_append_only();
