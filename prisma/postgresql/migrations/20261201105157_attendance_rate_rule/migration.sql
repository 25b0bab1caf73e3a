-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "excusedLeaveDenominator" BOOLEAN NOT NULL DEFAULT true;
