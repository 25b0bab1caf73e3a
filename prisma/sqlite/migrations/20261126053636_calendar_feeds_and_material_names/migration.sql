-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN "calendarToken" TEXT;

-- AlterTable
ALTER TABLE "Material" ADD COLUMN "fileName" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN "calendarToken" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Cohort_calendarToken_key" ON "Cohort"("calendarToken");

-- CreateIndex
CREATE UNIQUE INDEX "Person_calendarToken_key" ON "Person"("calendarToken");
