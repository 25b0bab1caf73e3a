-- AlterTable
ALTER TABLE "Enrollment" ADD COLUMN "attendanceFrom" DATETIME;
