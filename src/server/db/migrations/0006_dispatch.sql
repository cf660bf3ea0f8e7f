CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"work_order_number" text NOT NULL,
	"technician_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"start_at" timestamp with time zone NOT NULL,
	"end_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"active" boolean NOT NULL,
	"eta_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"contacted_at" timestamp with time zone,
	"contact_note" text,
	"decline_reason" text,
	"end_reason" text,
	"ended_at" timestamp with time zone,
	"override_reason" text,
	"recommended_technician_id" uuid,
	"late_reported_at" timestamp with time zone,
	"late_reason" text,
	"assigned_by" uuid,
	"assigned_by_name" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "technician_calendar" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"technician_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"start_time" text,
	"end_time" text,
	"status" text NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid,
	"requested_by_name" text,
	"requested_at" timestamp with time zone NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"decision_note" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "technician_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"technician_id" uuid NOT NULL,
	"type" text NOT NULL,
	"number" text NOT NULL,
	"issuer" text NOT NULL,
	"issued_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "technician_positions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"technician_id" uuid NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "technician_skills" (
	"technician_id" uuid NOT NULL,
	"skill" text NOT NULL,
	"level" integer NOT NULL,
	CONSTRAINT "technician_skills_technician_id_skill_pk" PRIMARY KEY("technician_id","skill")
);
--> statement-breakpoint
CREATE TABLE "technician_trainings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"technician_id" uuid NOT NULL,
	"course" text NOT NULL,
	"held_on" date NOT NULL,
	"hours_tenths" integer NOT NULL,
	"result" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by_name" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "technicians" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"staff_no" text NOT NULL,
	"name" text NOT NULL,
	"work_phone" text DEFAULT '' NOT NULL,
	"home_lat" double precision NOT NULL,
	"home_lng" double precision NOT NULL,
	"home_label" text DEFAULT '' NOT NULL,
	"work_days" integer[] NOT NULL,
	"shift_start" text NOT NULL,
	"shift_end" text NOT NULL,
	"max_jobs_per_day" integer NOT NULL,
	"max_minutes_per_day" integer NOT NULL,
	"van_location" text DEFAULT '' NOT NULL,
	"photo" "bytea",
	"photo_type" text,
	"photo_token" text,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"last_lat" double precision,
	"last_lng" double precision,
	"last_position_at" timestamp with time zone,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "technicians_staff_no_unique" UNIQUE("staff_no"),
	CONSTRAINT "technicians_photo_token_unique" UNIQUE("photo_token")
);
--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "assignee_name" text;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "appointment_start" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "work_orders" ADD COLUMN "appointment_end" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_technician_id_technicians_user_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_calendar" ADD CONSTRAINT "technician_calendar_technician_id_technicians_user_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_certificates" ADD CONSTRAINT "technician_certificates_technician_id_technicians_user_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_skills" ADD CONSTRAINT "technician_skills_technician_id_technicians_user_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technician_trainings" ADD CONSTRAINT "technician_trainings_technician_id_technicians_user_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_tech_time_idx" ON "assignments" USING btree ("technician_id","start_at");--> statement-breakpoint
CREATE INDEX "assignments_branch_time_idx" ON "assignments" USING btree ("branch_id","start_at");--> statement-breakpoint
CREATE INDEX "assignments_order_idx" ON "assignments" USING btree ("work_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_one_active_per_order_uq" ON "assignments" USING btree ("work_order_id") WHERE "assignments"."active";--> statement-breakpoint
CREATE INDEX "technician_calendar_tech_day_idx" ON "technician_calendar" USING btree ("technician_id","day");--> statement-breakpoint
CREATE INDEX "technician_calendar_branch_status_idx" ON "technician_calendar" USING btree ("branch_id","status");--> statement-breakpoint
CREATE INDEX "technician_certificates_tech_idx" ON "technician_certificates" USING btree ("technician_id");--> statement-breakpoint
CREATE INDEX "technician_certificates_expiry_idx" ON "technician_certificates" USING btree ("expires_on");--> statement-breakpoint
CREATE INDEX "technician_positions_tech_idx" ON "technician_positions" USING btree ("technician_id","at");--> statement-breakpoint
CREATE INDEX "technician_trainings_tech_idx" ON "technician_trainings" USING btree ("technician_id","held_on");--> statement-breakpoint
CREATE INDEX "technicians_branch_idx" ON "technicians" USING btree ("branch_id");