-- A technician is never double-booked: two active appointments of one technician may not overlap.
-- btree_gist lets a GiST exclusion constraint compare the technician id with "=" next to the time range "&&".
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_no_overlap"
  EXCLUDE USING gist ("technician_id" WITH =, tstzrange("start_at", "end_at", '[)') WITH &&) WHERE ("active");
--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_window_ck" CHECK ("end_at" > "start_at");
