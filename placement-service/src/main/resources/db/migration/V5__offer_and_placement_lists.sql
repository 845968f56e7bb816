-- The staff console's lists (#19): an area's offers and placements, newest first, or one household's. An offer's made_on and
-- a placement's start_date are days (and a start may be set ahead), so they cannot say which came first: each row now
-- records when it was made. Rows from before take the start of the day they were made or accepted, in the platform's zone.
ALTER TABLE offer ADD COLUMN created_at TIMESTAMPTZ;
UPDATE offer SET created_at = made_on::timestamp AT TIME ZONE 'Asia/Shanghai';
ALTER TABLE offer ALTER COLUMN created_at SET NOT NULL;

ALTER TABLE placement ADD COLUMN created_at TIMESTAMPTZ;
UPDATE placement p SET created_at = COALESCE((SELECT o.responded_on FROM offer o WHERE o.id = p.offer_id), p.start_date)::timestamp
    AT TIME ZONE 'Asia/Shanghai';
ALTER TABLE placement ALTER COLUMN created_at SET NOT NULL;

-- An area is a district-code prefix (LIKE 'prefix%'); a household's rows are found by offer_household and
-- placement_household (V1). An offer's placement is looked up by its offer.
CREATE INDEX offer_area ON offer (district_code text_pattern_ops, created_at DESC);
CREATE INDEX placement_area ON placement (district_code text_pattern_ops, created_at DESC);
CREATE INDEX placement_offer ON placement (offer_id);
