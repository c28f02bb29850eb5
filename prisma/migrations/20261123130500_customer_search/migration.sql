-- Full-text index over customer names (hand-written: Prisma's schema cannot express FTS5).
-- Trigram tokenizer: substring search in Cyrillic and Latin, case-insensitive; searchName is already
-- lower-cased with ё folded to е by common/domain/text.ts, so «Пётр» and «петр» meet.
CREATE VIRTUAL TABLE "CustomerSearch" USING fts5(
    searchName,
    content = 'Customer',
    content_rowid = 'rowid',
    tokenize = 'trigram'
);

CREATE TRIGGER "Customer_search_ai" AFTER INSERT ON "Customer" BEGIN
    INSERT INTO "CustomerSearch" (rowid, searchName) VALUES (new.rowid, new.searchName);
END;

CREATE TRIGGER "Customer_search_ad" AFTER DELETE ON "Customer" BEGIN
    INSERT INTO "CustomerSearch" ("CustomerSearch", rowid, searchName) VALUES ('delete', old.rowid, old.searchName);
END;

CREATE TRIGGER "Customer_search_au" AFTER UPDATE OF searchName ON "Customer" BEGIN
    INSERT INTO "CustomerSearch" ("CustomerSearch", rowid, searchName) VALUES ('delete', old.rowid, old.searchName);
    INSERT INTO "CustomerSearch" (rowid, searchName) VALUES (new.rowid, new.searchName);
END;

-- Customers that existed before this migration.
INSERT INTO "CustomerSearch" ("CustomerSearch") VALUES ('rebuild');
