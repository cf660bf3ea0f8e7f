CREATE TABLE "part_stock_levels" (
	"part_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"reorder_point" integer NOT NULL,
	"reorder_quantity" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "part_stock_levels_part_id_location_id_pk" PRIMARY KEY("part_id","location_id"),
	CONSTRAINT "part_stock_levels_ck" CHECK ("part_stock_levels"."reorder_point" >= 0 AND "part_stock_levels"."reorder_quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"spec" text DEFAULT '' NOT NULL,
	"unit" text NOT NULL,
	"category" text NOT NULL,
	"designated" boolean DEFAULT false NOT NULL,
	"serial_tracked" boolean DEFAULT false NOT NULL,
	"lot_tracked" boolean DEFAULT false NOT NULL,
	"warranty_months" integer DEFAULT 0 NOT NULL,
	"standard_cost_fen" bigint DEFAULT 0 NOT NULL,
	"avg_cost_fen" bigint DEFAULT 0 NOT NULL,
	"compatible_models" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "parts_code_unique" UNIQUE("code"),
	CONSTRAINT "parts_standard_cost_ck" CHECK ("parts"."standard_cost_fen" >= 0),
	CONSTRAINT "parts_avg_cost_ck" CHECK ("parts"."avg_cost_fen" >= 0),
	CONSTRAINT "parts_serial_or_lot_ck" CHECK (NOT ("parts"."serial_tracked" AND "parts"."lot_tracked"))
);
--> statement-breakpoint
CREATE TABLE "requisition_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requisition_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"part_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"decision" text DEFAULT 'pending' NOT NULL,
	"approved_quantity" integer DEFAULT 0 NOT NULL,
	"reject_reason" text DEFAULT '' NOT NULL,
	"issued_quantity" integer DEFAULT 0 NOT NULL,
	"issued_serials" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "requisition_lines_line_uq" UNIQUE("requisition_id","line"),
	CONSTRAINT "requisition_lines_qty_ck" CHECK ("requisition_lines"."quantity" > 0 AND "requisition_lines"."approved_quantity" >= 0 AND "requisition_lines"."approved_quantity" <= "requisition_lines"."quantity" AND "requisition_lines"."issued_quantity" >= 0 AND "requisition_lines"."issued_quantity" <= "requisition_lines"."approved_quantity")
);
--> statement-breakpoint
CREATE TABLE "requisitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"branch_id" uuid,
	"requester_id" uuid NOT NULL,
	"requester_name" text NOT NULL,
	"purpose" text NOT NULL,
	"work_order_id" uuid,
	"work_order_number" text DEFAULT '' NOT NULL,
	"target_location_id" uuid,
	"source_location_id" uuid,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"request_id" text NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"issued_by" uuid,
	"issued_by_name" text,
	"issued_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "requisitions_seq_unique" UNIQUE("seq"),
	CONSTRAINT "requisitions_request_uq" UNIQUE("requester_id","request_id")
);
--> statement-breakpoint
CREATE TABLE "stock_balances" (
	"part_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"lot" text DEFAULT '' NOT NULL,
	"serial" text DEFAULT '' NOT NULL,
	"expiry_date" date,
	"quantity" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stock_balances_part_id_location_id_lot_serial_pk" PRIMARY KEY("part_id","location_id","lot","serial"),
	CONSTRAINT "stock_balances_quantity_ck" CHECK ("stock_balances"."quantity" >= 0),
	CONSTRAINT "stock_balances_serial_ck" CHECK ("stock_balances"."serial" = '' OR "stock_balances"."quantity" <= 1)
);
--> statement-breakpoint
CREATE TABLE "stock_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"branch_id" uuid,
	"technician_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stock_locations_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"request_id" text NOT NULL,
	"line" integer NOT NULL,
	"kind" text NOT NULL,
	"part_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"lot" text DEFAULT '' NOT NULL,
	"serial" text DEFAULT '' NOT NULL,
	"expiry_date" date,
	"quantity" integer NOT NULL,
	"unit_cost_fen" bigint NOT NULL,
	"value_fen" bigint NOT NULL,
	"counter_location_id" uuid,
	"work_order_id" uuid,
	"work_order_number" text DEFAULT '' NOT NULL,
	"requisition_id" uuid,
	"reversal_of" uuid,
	"reason" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"supplier" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"actor_name" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "stock_movements_seq_unique" UNIQUE("seq"),
	CONSTRAINT "stock_movements_reversal_of_unique" UNIQUE("reversal_of"),
	CONSTRAINT "stock_movements_request_line_uq" UNIQUE("request_id","line"),
	CONSTRAINT "stock_movements_quantity_ck" CHECK ("stock_movements"."quantity" <> 0),
	CONSTRAINT "stock_movements_serial_one_ck" CHECK ("stock_movements"."serial" = '' OR abs("stock_movements"."quantity") = 1)
);
--> statement-breakpoint
ALTER TABLE "part_stock_levels" ADD CONSTRAINT "part_stock_levels_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_stock_levels" ADD CONSTRAINT "part_stock_levels_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requisition_lines" ADD CONSTRAINT "requisition_lines_requisition_id_requisitions_id_fk" FOREIGN KEY ("requisition_id") REFERENCES "public"."requisitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requisition_lines" ADD CONSTRAINT "requisition_lines_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requisitions" ADD CONSTRAINT "requisitions_target_location_id_stock_locations_id_fk" FOREIGN KEY ("target_location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requisitions" ADD CONSTRAINT "requisitions_source_location_id_stock_locations_id_fk" FOREIGN KEY ("source_location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_balances" ADD CONSTRAINT "stock_balances_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "parts_category_idx" ON "parts" USING btree ("category");--> statement-breakpoint
CREATE INDEX "requisitions_branch_status_idx" ON "requisitions" USING btree ("branch_id","status","created_at");--> statement-breakpoint
CREATE INDEX "requisitions_requester_idx" ON "requisitions" USING btree ("requester_id","created_at");--> statement-breakpoint
CREATE INDEX "stock_balances_location_idx" ON "stock_balances" USING btree ("location_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_balances_serial_once_uq" ON "stock_balances" USING btree ("part_id","serial") WHERE "stock_balances"."serial" <> '' AND "stock_balances"."quantity" > 0;--> statement-breakpoint
CREATE INDEX "stock_locations_branch_idx" ON "stock_locations" USING btree ("branch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_locations_one_van_per_technician_uq" ON "stock_locations" USING btree ("technician_id") WHERE "stock_locations"."technician_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "stock_movements_part_idx" ON "stock_movements" USING btree ("part_id","seq");--> statement-breakpoint
CREATE INDEX "stock_movements_location_idx" ON "stock_movements" USING btree ("location_id","seq");--> statement-breakpoint
CREATE INDEX "stock_movements_serial_idx" ON "stock_movements" USING btree ("serial") WHERE "stock_movements"."serial" <> '';