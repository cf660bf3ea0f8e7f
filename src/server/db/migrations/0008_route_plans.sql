CREATE TABLE "route_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"branch_id" uuid NOT NULL,
	"day" date NOT NULL,
	"status" text NOT NULL,
	"objective" text NOT NULL,
	"time_limit_ms" integer NOT NULL,
	"created_by" uuid,
	"created_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"progress" jsonb,
	"proposal" jsonb,
	"input_fingerprint" text NOT NULL,
	"applied_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "route_plans_branch_day_idx" ON "route_plans" USING btree ("branch_id","day","created_at");