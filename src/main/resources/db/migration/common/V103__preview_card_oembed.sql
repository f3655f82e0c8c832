-- oEmbed cards (photo, video, rich): the embed's sanitized iframe, its URL and size, and the author's and
-- provider's links. Link cards leave them empty.
ALTER TABLE preview_cards ADD COLUMN html TEXT NOT NULL DEFAULT '';
ALTER TABLE preview_cards ADD COLUMN embed_url TEXT NOT NULL DEFAULT '';
ALTER TABLE preview_cards ADD COLUMN author_url TEXT NOT NULL DEFAULT '';
ALTER TABLE preview_cards ADD COLUMN provider_url TEXT NOT NULL DEFAULT '';
ALTER TABLE preview_cards ADD COLUMN width INTEGER NOT NULL DEFAULT 0;
ALTER TABLE preview_cards ADD COLUMN height INTEGER NOT NULL DEFAULT 0;
