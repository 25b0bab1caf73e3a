-- AlterTable
ALTER TABLE "Attendance" ADD COLUMN "deviceHash" TEXT;
ALTER TABLE "Attendance" ADD COLUMN "distanceMeters" INTEGER;
ALTER TABLE "Attendance" ADD COLUMN "flag" TEXT;
ALTER TABLE "Attendance" ADD COLUMN "flagReviewedAt" DATETIME;
ALTER TABLE "Attendance" ADD COLUMN "flagReviewedById" TEXT;

-- AlterTable
ALTER TABLE "Venue" ADD COLUMN "latitude" REAL;
ALTER TABLE "Venue" ADD COLUMN "longitude" REAL;
ALTER TABLE "Venue" ADD COLUMN "radiusMeters" INTEGER;

-- CreateTable
CREATE TABLE "GuestAttendance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "company" TEXT,
    "status" TEXT NOT NULL,
    "deviceHash" TEXT,
    "checkedInAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "matchedPersonId" TEXT,
    "matchedById" TEXT,
    "matchedAt" DATETIME,
    CONSTRAINT "GuestAttendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "GuestAttendance_matchedPersonId_fkey" FOREIGN KEY ("matchedPersonId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckInCodeFailure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "actorKey" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CheckInCodeFailure_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "moduleId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "venueId" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'lecture',
    "notes" TEXT,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "checkInSecret" TEXT,
    "checkInOpensMinutesBefore" INTEGER,
    "checkInClosesMinutesAfter" INTEGER,
    "lateAfterMinutes" INTEGER,
    "openToGuests" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Session_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Session_venueId_fkey" FOREIGN KEY ("venueId") REFERENCES "Venue" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Session" ("checkInSecret", "createdAt", "endsAt", "id", "kind", "moduleId", "notes", "sequence", "startsAt", "status", "updatedAt", "venueId") SELECT "checkInSecret", "createdAt", "endsAt", "id", "kind", "moduleId", "notes", "sequence", "startsAt", "status", "updatedAt", "venueId" FROM "Session";
DROP TABLE "Session";
ALTER TABLE "new_Session" RENAME TO "Session";
CREATE INDEX "Session_moduleId_startsAt_idx" ON "Session"("moduleId", "startsAt");
CREATE INDEX "Session_startsAt_idx" ON "Session"("startsAt");
CREATE INDEX "Session_venueId_startsAt_idx" ON "Session"("venueId", "startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "GuestAttendance_matchedPersonId_idx" ON "GuestAttendance"("matchedPersonId");

-- CreateIndex
CREATE UNIQUE INDEX "GuestAttendance_sessionId_mobile_key" ON "GuestAttendance"("sessionId", "mobile");

-- CreateIndex
CREATE INDEX "CheckInCodeFailure_sessionId_actorKey_at_idx" ON "CheckInCodeFailure"("sessionId", "actorKey", "at");

-- CreateIndex
CREATE INDEX "Attendance_sessionId_deviceHash_idx" ON "Attendance"("sessionId", "deviceHash");
