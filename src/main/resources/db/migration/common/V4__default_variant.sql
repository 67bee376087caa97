-- Flipt v1's default variant: the value a variant flag answers when no rule decides. Deleting the
-- variant clears it (Flipt: ON DELETE SET NULL).
ALTER TABLE flags ADD COLUMN default_variant_id UUID NULL;
ALTER TABLE flags ADD CONSTRAINT flags_default_variant_fk FOREIGN KEY (default_variant_id) REFERENCES variants (id) ON DELETE SET NULL;
