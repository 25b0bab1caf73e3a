-- DropIndex
DROP INDEX "Certificate_enrollmentId_key";

-- AlterTable
ALTER TABLE "Academy" ADD COLUMN     "certificatePrefix" TEXT NOT NULL DEFAULT 'JYZS',
ADD COLUMN     "certificateSerialPattern" TEXT NOT NULL DEFAULT '{prefix}-{year}-{cohort}-{seq}';

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "credential" TEXT,
ADD COLUMN     "exceptionReason" TEXT,
ADD COLUMN     "imageSha256" TEXT,
ADD COLUMN     "pdfSha256" TEXT,
ADD COLUMN     "sequence" INTEGER NOT NULL,
ADD COLUMN     "statusListIndex" INTEGER,
ADD COLUMN     "supersededAt" TIMESTAMP(3),
ADD COLUMN     "supersededById" TEXT;

-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "certMinCreditHours" DOUBLE PRECISION,
ADD COLUMN     "certMinTrackPercent" INTEGER;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "sealSha256" TEXT,
ADD COLUMN     "signatoryName" TEXT,
ADD COLUMN     "signatoryTitle" TEXT,
ADD COLUMN     "signatureSha256" TEXT;

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "publicKeyMultibase" TEXT NOT NULL,
    "secretKeySealed" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "SigningKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SigningKey_keyId_key" ON "SigningKey"("keyId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_supersededById_key" ON "Certificate"("supersededById");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_statusListIndex_key" ON "Certificate"("statusListIndex");

-- CreateIndex
CREATE INDEX "Certificate_enrollmentId_issuedAt_idx" ON "Certificate"("enrollmentId", "issuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_enrollmentId_sequence_key" ON "Certificate"("enrollmentId", "sequence");

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_supersededById_fkey" FOREIGN KEY ("supersededById") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;
