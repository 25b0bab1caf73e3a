-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "mobile" TEXT,
    "email" TEXT,
    "passwordHash" TEXT,
    "status" TEXT NOT NULL DEFAULT 'invited',
    "unverified" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "lastSignInAt" DATETIME,
    "calendarToken" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Person" ("calendarToken", "createdAt", "email", "id", "lastSignInAt", "locale", "mobile", "name", "passwordHash", "status", "updatedAt") SELECT "calendarToken", "createdAt", "email", "id", "lastSignInAt", "locale", "mobile", "name", "passwordHash", "status", "updatedAt" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE UNIQUE INDEX "Person_mobile_key" ON "Person"("mobile");
CREATE UNIQUE INDEX "Person_email_key" ON "Person"("email");
CREATE UNIQUE INDEX "Person_calendarToken_key" ON "Person"("calendarToken");
CREATE INDEX "Person_status_idx" ON "Person"("status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
