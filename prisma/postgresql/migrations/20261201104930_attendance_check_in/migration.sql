-- AlterTable
ALTER TABLE "Attendance" ADD COLUMN     "deviceHash" TEXT,
ADD COLUMN     "distanceMeters" INTEGER,
ADD COLUMN     "flag" TEXT,
ADD COLUMN     "flagReviewedAt" TIMESTAMP(3),
ADD COLUMN     "flagReviewedById" TEXT;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "checkInClosesMinutesAfter" INTEGER,
ADD COLUMN     "checkInOpensMinutesBefore" INTEGER,
ADD COLUMN     "lateAfterMinutes" INTEGER,
ADD COLUMN     "openToGuests" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Venue" ADD COLUMN     "latitude" DOUBLE PRECISION,
ADD COLUMN     "longitude" DOUBLE PRECISION,
ADD COLUMN     "radiusMeters" INTEGER;

-- CreateTable
CREATE TABLE "GuestAttendance" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "mobile" TEXT NOT NULL,
    "company" TEXT,
    "status" TEXT NOT NULL,
    "deviceHash" TEXT,
    "checkedInAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "matchedPersonId" TEXT,
    "matchedById" TEXT,
    "matchedAt" TIMESTAMP(3),

    CONSTRAINT "GuestAttendance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckInCodeFailure" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "actorKey" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckInCodeFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GuestAttendance_matchedPersonId_idx" ON "GuestAttendance"("matchedPersonId");

-- CreateIndex
CREATE UNIQUE INDEX "GuestAttendance_sessionId_mobile_key" ON "GuestAttendance"("sessionId", "mobile");

-- CreateIndex
CREATE INDEX "CheckInCodeFailure_sessionId_actorKey_at_idx" ON "CheckInCodeFailure"("sessionId", "actorKey", "at");

-- CreateIndex
CREATE INDEX "Attendance_sessionId_deviceHash_idx" ON "Attendance"("sessionId", "deviceHash");

-- AddForeignKey
ALTER TABLE "GuestAttendance" ADD CONSTRAINT "GuestAttendance_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuestAttendance" ADD CONSTRAINT "GuestAttendance_matchedPersonId_fkey" FOREIGN KEY ("matchedPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckInCodeFailure" ADD CONSTRAINT "CheckInCodeFailure_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;
