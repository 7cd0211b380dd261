-- The Help editor (issue 21, item 3): the organisation's help content in Welsh beside
-- the English, as the same version. NULL: not written in Welsh, so Welsh readers get the
-- English (or, while the content is still the nation's built-in, the built-in Welsh).
ALTER TABLE help_versions ADD COLUMN body_cy TEXT;
