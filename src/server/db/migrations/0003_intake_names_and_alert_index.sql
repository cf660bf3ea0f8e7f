ALTER TABLE "work_order_alerts" ADD COLUMN "acknowledged_by_name" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "created_by_name" text;--> statement-breakpoint
CREATE INDEX "work_order_alerts_order_idx" ON "work_order_alerts" USING btree ("work_order_id");