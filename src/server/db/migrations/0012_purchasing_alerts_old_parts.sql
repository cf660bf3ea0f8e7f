CREATE TABLE "old_part_returns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"branch_id" uuid,
	"part_id" uuid NOT NULL,
	"requisition_id" uuid,
	"requisition_line_id" uuid,
	"work_order_id" uuid,
	"work_order_number" text DEFAULT '' NOT NULL,
	"technician_id" uuid,
	"technician_name" text DEFAULT '' NOT NULL,
	"new_serial" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"old_serial" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"received_location_id" uuid,
	"closed_by" uuid,
	"closed_by_name" text,
	"closed_at" timestamp with time zone,
	"source_key" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "old_part_returns_seq_unique" UNIQUE("seq"),
	CONSTRAINT "old_part_returns_source_key_unique" UNIQUE("source_key")
);
--> statement-breakpoint
CREATE TABLE "parts_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"branch_id" uuid,
	"requisition_id" uuid,
	"dedupe_key" text NOT NULL,
	"details" jsonb NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"acknowledged_by" uuid,
	"acknowledged_by_name" text,
	"acknowledged_at" timestamp with time zone,
	CONSTRAINT "parts_alerts_dedupe_uq" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "purchase_order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"part_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	"received_quantity" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "purchase_order_lines_line_uq" UNIQUE("order_id","line"),
	CONSTRAINT "purchase_order_lines_qty_ck" CHECK ("purchase_order_lines"."quantity" > 0 AND "purchase_order_lines"."received_quantity" >= 0 AND "purchase_order_lines"."received_quantity" <= "purchase_order_lines"."quantity"),
	CONSTRAINT "purchase_order_lines_price_ck" CHECK ("purchase_order_lines"."unit_price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "purchase_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"plan_id" uuid,
	"supplier_id" uuid NOT NULL,
	"contract_id" uuid,
	"location_id" uuid NOT NULL,
	"branch_id" uuid,
	"status" text NOT NULL,
	"ordered_at" timestamp with time zone NOT NULL,
	"expected_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"close_reason" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "purchase_orders_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "purchase_plan_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"line" integer NOT NULL,
	"part_id" uuid NOT NULL,
	"suggested_quantity" integer NOT NULL,
	"quantity" integer NOT NULL,
	"supplier_id" uuid,
	"contract_id" uuid,
	"unit_price_fen" bigint NOT NULL,
	"reasons" jsonb NOT NULL,
	CONSTRAINT "purchase_plan_lines_line_uq" UNIQUE("plan_id","line"),
	CONSTRAINT "purchase_plan_lines_part_uq" UNIQUE("plan_id","part_id"),
	CONSTRAINT "purchase_plan_lines_qty_ck" CHECK ("purchase_plan_lines"."quantity" >= 0 AND "purchase_plan_lines"."suggested_quantity" >= 0),
	CONSTRAINT "purchase_plan_lines_price_ck" CHECK ("purchase_plan_lines"."unit_price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "purchase_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"location_id" uuid NOT NULL,
	"branch_id" uuid,
	"status" text NOT NULL,
	"basis" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_by_name" text NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"reject_reason" text DEFAULT '' NOT NULL,
	"request_id" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "purchase_plans_seq_unique" UNIQUE("seq"),
	CONSTRAINT "purchase_plans_request_uq" UNIQUE("created_by","request_id")
);
--> statement-breakpoint
CREATE TABLE "purchase_receipts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"order_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"request_id" text NOT NULL,
	"on_time" boolean NOT NULL,
	"quantity" integer NOT NULL,
	"value_fen" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"received_by" uuid NOT NULL,
	"received_by_name" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "purchase_receipts_seq_unique" UNIQUE("seq"),
	CONSTRAINT "purchase_receipts_request_id_unique" UNIQUE("request_id")
);
--> statement-breakpoint
CREATE TABLE "supplier_contract_files" (
	"contract_id" uuid PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"uploaded_by_name" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_contract_prices" (
	"contract_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"unit_price_fen" bigint NOT NULL,
	CONSTRAINT "supplier_contract_prices_contract_id_part_id_pk" PRIMARY KEY("contract_id","part_id"),
	CONSTRAINT "supplier_contract_prices_ck" CHECK ("supplier_contract_prices"."unit_price_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "supplier_contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"number" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"delivery_days" integer NOT NULL,
	"warranty_terms" text DEFAULT '' NOT NULL,
	"payment_terms" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "supplier_contracts_number_unique" UNIQUE("number"),
	CONSTRAINT "supplier_contracts_period_ck" CHECK ("supplier_contracts"."ends_on" >= "supplier_contracts"."starts_on"),
	CONSTRAINT "supplier_contracts_delivery_ck" CHECK ("supplier_contracts"."delivery_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "supplier_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"received_quantity" integer NOT NULL,
	"defect_quantity" integer NOT NULL,
	"deliveries" integer NOT NULL,
	"deliveries_on_time" integer NOT NULL,
	"price_vs_contract_bp" integer,
	"price_vs_others_bp" integer,
	"quality_score_computed" integer NOT NULL,
	"delivery_score_computed" integer NOT NULL,
	"price_score_computed" integer NOT NULL,
	"quality_score" integer NOT NULL,
	"delivery_score" integer NOT NULL,
	"price_score" integer NOT NULL,
	"total_score" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"edited_by_name" text,
	"edited_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "supplier_evaluations_period_uq" UNIQUE("supplier_id","period_start","period_end"),
	CONSTRAINT "supplier_evaluations_scores_ck" CHECK ("supplier_evaluations"."quality_score" BETWEEN 0 AND 100 AND "supplier_evaluations"."delivery_score" BETWEEN 0 AND 100 AND "supplier_evaluations"."price_score" BETWEEN 0 AND 100)
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"credit_code" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "suppliers_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "supplier_id" uuid;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD COLUMN "purchase_order_id" uuid;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_requisition_id_requisitions_id_fk" FOREIGN KEY ("requisition_id") REFERENCES "public"."requisitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_requisition_line_id_requisition_lines_id_fk" FOREIGN KEY ("requisition_line_id") REFERENCES "public"."requisition_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "old_part_returns" ADD CONSTRAINT "old_part_returns_received_location_id_stock_locations_id_fk" FOREIGN KEY ("received_location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parts_alerts" ADD CONSTRAINT "parts_alerts_requisition_id_requisitions_id_fk" FOREIGN KEY ("requisition_id") REFERENCES "public"."requisitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_order_id_purchase_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."purchase_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_order_lines" ADD CONSTRAINT "purchase_order_lines_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_plan_id_purchase_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."purchase_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_contract_id_supplier_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."supplier_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_orders" ADD CONSTRAINT "purchase_orders_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_plan_lines" ADD CONSTRAINT "purchase_plan_lines_plan_id_purchase_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."purchase_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_plan_lines" ADD CONSTRAINT "purchase_plan_lines_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_plan_lines" ADD CONSTRAINT "purchase_plan_lines_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_plan_lines" ADD CONSTRAINT "purchase_plan_lines_contract_id_supplier_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."supplier_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_plans" ADD CONSTRAINT "purchase_plans_location_id_stock_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."stock_locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_receipts" ADD CONSTRAINT "purchase_receipts_order_id_purchase_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."purchase_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchase_receipts" ADD CONSTRAINT "purchase_receipts_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_contract_files" ADD CONSTRAINT "supplier_contract_files_contract_id_supplier_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."supplier_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_contract_prices" ADD CONSTRAINT "supplier_contract_prices_contract_id_supplier_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."supplier_contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_contract_prices" ADD CONSTRAINT "supplier_contract_prices_part_id_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_contracts" ADD CONSTRAINT "supplier_contracts_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_evaluations" ADD CONSTRAINT "supplier_evaluations_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "old_part_returns_open_idx" ON "old_part_returns" USING btree ("branch_id","status","due_at");--> statement-breakpoint
CREATE INDEX "parts_alerts_open_idx" ON "parts_alerts" USING btree ("branch_id","raised_at") WHERE "parts_alerts"."acknowledged_at" IS NULL;--> statement-breakpoint
CREATE INDEX "purchase_orders_supplier_idx" ON "purchase_orders" USING btree ("supplier_id","ordered_at");--> statement-breakpoint
CREATE INDEX "purchase_orders_status_idx" ON "purchase_orders" USING btree ("status","expected_on");--> statement-breakpoint
CREATE UNIQUE INDEX "purchase_orders_plan_supplier_uq" ON "purchase_orders" USING btree ("plan_id","supplier_id") WHERE "purchase_orders"."plan_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "purchase_plans_branch_idx" ON "purchase_plans" USING btree ("branch_id","created_at");--> statement-breakpoint
CREATE INDEX "purchase_receipts_order_idx" ON "purchase_receipts" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "purchase_receipts_supplier_idx" ON "purchase_receipts" USING btree ("supplier_id","received_at");--> statement-breakpoint
CREATE INDEX "supplier_contract_prices_part_idx" ON "supplier_contract_prices" USING btree ("part_id");--> statement-breakpoint
CREATE INDEX "supplier_contracts_supplier_idx" ON "supplier_contracts" USING btree ("supplier_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "stocktakes_one_open_per_location_uq" ON "stocktakes" USING btree ("location_id") WHERE "stocktakes"."status" IN ('counting', 'submitted');