-- DropIndex
DROP INDEX "Conversation_assigneeId_status_lastActivityAt_idx";

-- DropIndex
DROP INDEX "Conversation_teamId_status_lastActivityAt_idx";

-- DropIndex
DROP INDEX "Conversation_status_waitingSince_idx";

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "clientId" TEXT;

-- CreateTable
CREATE TABLE "Note" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "clientId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Note_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Note_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Note_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Draft" (
    "conversationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("conversationId", "userId"),
    CONSTRAINT "Draft_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Draft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HubEvent" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "type" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "payload" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Note_clientId_key" ON "Note"("clientId");

-- CreateIndex
CREATE INDEX "Note_customerId_createdAt_id_idx" ON "Note"("customerId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Note_conversationId_createdAt_id_idx" ON "Note"("conversationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "HubEvent_at_idx" ON "HubEvent"("at");

-- CreateIndex
CREATE INDEX "Conversation_assigneeId_status_lastActivityAt_id_idx" ON "Conversation"("assigneeId", "status", "lastActivityAt", "id");

-- CreateIndex
CREATE INDEX "Conversation_teamId_status_lastActivityAt_id_idx" ON "Conversation"("teamId", "status", "lastActivityAt", "id");

-- CreateIndex
CREATE INDEX "Conversation_status_waitingSince_id_idx" ON "Conversation"("status", "waitingSince", "id");

-- CreateIndex
CREATE INDEX "Conversation_updatedAt_idx" ON "Conversation"("updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Message_clientId_key" ON "Message"("clientId");


-- Full-text index over message bodies (hand-written: Prisma's schema cannot express FTS5).
-- Trigram: substring search, case-insensitive in Cyrillic and Latin. The trigram tokenizer does not fold
-- ё to е, so the triggers index a folded copy; contentless (the text lives in Message), with deletes.
CREATE VIRTUAL TABLE "MessageSearch" USING fts5(
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'trigram'
);

CREATE TRIGGER "Message_search_ai" AFTER INSERT ON "Message" BEGIN
    INSERT INTO "MessageSearch" (rowid, body) VALUES (new.rowid, replace(replace(new.body, 'ё', 'е'), 'Ё', 'Е'));
END;

CREATE TRIGGER "Message_search_ad" AFTER DELETE ON "Message" BEGIN
    DELETE FROM "MessageSearch" WHERE rowid = old.rowid;
END;

CREATE TRIGGER "Message_search_au" AFTER UPDATE OF body ON "Message" BEGIN
    DELETE FROM "MessageSearch" WHERE rowid = old.rowid;
    INSERT INTO "MessageSearch" (rowid, body) VALUES (new.rowid, replace(replace(new.body, 'ё', 'е'), 'Ё', 'Е'));
END;

-- Messages that existed before this migration.
INSERT INTO "MessageSearch" (rowid, body) SELECT rowid, replace(replace(body, 'ё', 'е'), 'Ё', 'Е') FROM "Message";
