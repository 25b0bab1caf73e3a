-- AlterTable
ALTER TABLE "Enrollment" ADD COLUMN     "attendanceFrom" TIMESTAMP(3);
