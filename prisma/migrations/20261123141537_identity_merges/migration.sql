-- CreateTable
CREATE TABLE "MergeSuggestion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "customerAId" TEXT NOT NULL,
    "customerBId" TEXT NOT NULL,
    "score" REAL NOT NULL,
    "evidence" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "mergeId" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "CustomerMerge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "survivorId" TEXT NOT NULL,
    "mergedId" TEXT NOT NULL,
    "moved" TEXT NOT NULL,
    "byId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "undoneAt" DATETIME
);

-- CreateIndex
CREATE INDEX "MergeSuggestion_status_score_idx" ON "MergeSuggestion"("status", "score");

-- CreateIndex
CREATE UNIQUE INDEX "MergeSuggestion_customerAId_customerBId_key" ON "MergeSuggestion"("customerAId", "customerBId");

-- CreateIndex
CREATE INDEX "CustomerMerge_survivorId_idx" ON "CustomerMerge"("survivorId");

-- CreateIndex
CREATE INDEX "CustomerMerge_mergedId_idx" ON "CustomerMerge"("mergedId");

