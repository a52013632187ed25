ALTER TABLE "concern_status_history" ADD COLUMN "public_note_code" text;--> statement-breakpoint
ALTER TABLE "concern_status_history" ADD COLUMN "public_note_params" jsonb;--> statement-breakpoint
-- Notes the system wrote as sentences before it stored codes: the known sentences (English and Spanish) become their code.
UPDATE "concern_status_history" SET "public_note_code" = 'received', "public_note" = NULL WHERE "public_note" IN ('We received your concern. Office staff will review it.', 'Recibimos su inquietud. El personal de la fiscalía la revisará.');
--> statement-breakpoint
UPDATE "concern_status_history" SET "public_note_code" = 'corroborated', "public_note" = NULL WHERE "public_note" IN ('Your report was added to an open concern on the same block.', 'Su reporte se agregó a una inquietud abierta en la misma cuadra.');
--> statement-breakpoint
UPDATE "concern_status_history" SET "public_note_code" = 'documented', "public_note" = NULL WHERE "public_note" IN ('The office documented this concern under its charging policy.', 'La fiscalía documentó esta inquietud según su política de acusación.');
--> statement-breakpoint
UPDATE "concern_status_history" SET "public_note_code" = 'reviewing', "public_note" = NULL WHERE "public_note" IN ('Office staff are reviewing this concern.', 'El personal de la fiscalía está revisando esta inquietud.');
--> statement-breakpoint
UPDATE "concern_status_history" SET "public_note_code" = 'closedAfterReview', "public_note" = NULL WHERE "public_note" IN ('Closed after review.', 'Cerrada después de la revisión.');
--> statement-breakpoint
UPDATE "concern_status_history" SET "public_note_code" = 'reviewedByCsu', "public_note" = NULL WHERE "public_note" IN ('Reviewed by the Crime Strategies Unit.', 'Revisada por la Unidad de Estrategias contra el Crimen.');
--> statement-breakpoint
UPDATE "concern_status_history" SET "public_note_code" = 'respondedAtMeeting', "public_note" = NULL WHERE "public_note" IN ('The office responded at the community meeting.', 'La fiscalía respondió en la reunión comunitaria.');
--> statement-breakpoint
UPDATE "concern_status_history" SET "public_note_code" = 'sameReported', "public_note" = NULL WHERE "public_note" IN ('Another resident reported the same thing.', 'Otro residente reportó lo mismo.');
--> statement-breakpoint
UPDATE "concern_status_history" SET "public_note_code" = 'responded', "public_note_params" = jsonb_build_object('title', substr("public_note", 34)), "public_note" = NULL WHERE "public_note_code" IS NULL AND left("public_note", 33) = 'The office published a response: ';
--> statement-breakpoint
UPDATE "concern_status_history" SET "public_note_code" = 'responded', "public_note_params" = jsonb_build_object('title', substr("public_note", 36)), "public_note" = NULL WHERE "public_note_code" IS NULL AND left("public_note", 35) = 'La fiscalía publicó una respuesta: ';
