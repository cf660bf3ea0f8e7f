CREATE TABLE "telephony_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"call_id" text NOT NULL,
	"event" text NOT NULL,
	"caller_enc" text NOT NULL,
	"caller_index" text,
	"caller_masked" text NOT NULL,
	"callee" text NOT NULL,
	"agent" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "telephony_calls_call_event_uq" UNIQUE("call_id","event")
);
--> statement-breakpoint
CREATE TABLE "tracking_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ip" text NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "telephony_calls_agent_idx" ON "telephony_calls" USING btree ("agent","received_at");--> statement-breakpoint
CREATE INDEX "tracking_failures_ip_idx" ON "tracking_failures" USING btree ("ip","at");