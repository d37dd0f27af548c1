-- 0022: a unit may be its parent's office (văn phòng): its clerks keep the
-- parent agency's registers (incoming documents, the outgoing issue and
-- delivery). Before, a clerk of any unit right under an agency served it, so
-- a city's clerk could register and issue the province's documents.
-- Existing offices are found by name (every office of a People's Committee
-- is "Văn phòng …"); unit.add --office marks new ones.
ALTER TABLE units ADD COLUMN office INTEGER NOT NULL DEFAULT 0;
UPDATE units SET office = 1 WHERE parent_id IS NOT NULL AND name GLOB 'Văn phòng *';
