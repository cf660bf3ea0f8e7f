ALTER TABLE "work_order_alerts" ALTER COLUMN "clock" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "work_order_alerts" ALTER COLUMN "job_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "work_order_alerts" ADD COLUMN "kind" text DEFAULT 'sla' NOT NULL;--> statement-breakpoint
ALTER TABLE "work_order_alerts" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "work_order_alerts" ADD COLUMN "details" jsonb;--> statement-breakpoint
CREATE INDEX "work_order_alerts_kind_idx" ON "work_order_alerts" USING btree ("branch_id","kind","fired_at");--> statement-breakpoint
ALTER TABLE "work_order_alerts" ADD CONSTRAINT "work_order_alerts_dedupe_key_unique" UNIQUE("dedupe_key");