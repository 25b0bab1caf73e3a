-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "unverified" BOOLEAN NOT NULL DEFAULT false;
