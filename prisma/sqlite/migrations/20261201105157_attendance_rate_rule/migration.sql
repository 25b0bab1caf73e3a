-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Cohort" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "academyId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "calendarToken" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "venueId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "certMinAttendancePercent" INTEGER NOT NULL DEFAULT 80,
    "certRequireEveryTrack" BOOLEAN NOT NULL DEFAULT true,
    "lateAfterMinutes" INTEGER NOT NULL DEFAULT 15,
    "excusedLeaveDenominator" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Cohort_academyId_fkey" FOREIGN KEY ("academyId") REFERENCES "Academy" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Cohort_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Cohort" ("academyId", "calendarToken", "capacity", "certMinAttendancePercent", "certRequireEveryTrack", "code", "createdAt", "description", "endDate", "id", "lateAfterMinutes", "startDate", "status", "title", "updatedAt", "venueId") SELECT "academyId", "calendarToken", "capacity", "certMinAttendancePercent", "certRequireEveryTrack", "code", "createdAt", "description", "endDate", "id", "lateAfterMinutes", "startDate", "status", "title", "updatedAt", "venueId" FROM "Cohort";
DROP TABLE "Cohort";
ALTER TABLE "new_Cohort" RENAME TO "Cohort";
CREATE UNIQUE INDEX "Cohort_code_key" ON "Cohort"("code");
CREATE UNIQUE INDEX "Cohort_calendarToken_key" ON "Cohort"("calendarToken");
CREATE INDEX "Cohort_academyId_status_idx" ON "Cohort"("academyId", "status");
CREATE INDEX "Cohort_startDate_idx" ON "Cohort"("startDate");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
