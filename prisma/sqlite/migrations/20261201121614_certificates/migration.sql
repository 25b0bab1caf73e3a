-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN "certMinCreditHours" REAL;
ALTER TABLE "Cohort" ADD COLUMN "certMinTrackPercent" INTEGER;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN "sealSha256" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "signatoryName" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "signatoryTitle" TEXT;
ALTER TABLE "Organisation" ADD COLUMN "signatureSha256" TEXT;

-- CreateTable
CREATE TABLE "SigningKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "keyId" TEXT NOT NULL,
    "publicKeyMultibase" TEXT NOT NULL,
    "secretKeySealed" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Academy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "certificateSerialPattern" TEXT NOT NULL DEFAULT '{prefix}-{year}-{cohort}-{seq}',
    "certificatePrefix" TEXT NOT NULL DEFAULT 'JYZS',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Academy" ("createdAt", "id", "name", "nameEn", "slug", "timeZone", "updatedAt") SELECT "createdAt", "id", "name", "nameEn", "slug", "timeZone", "updatedAt" FROM "Academy";
DROP TABLE "Academy";
ALTER TABLE "new_Academy" RENAME TO "Academy";
CREATE UNIQUE INDEX "Academy_slug_key" ON "Academy"("slug");
CREATE TABLE "new_Certificate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "enrollmentId" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "verificationCode" TEXT NOT NULL,
    "snapshot" TEXT NOT NULL,
    "exceptionReason" TEXT,
    "issuedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issuedById" TEXT,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "revokedById" TEXT,
    "supersededById" TEXT,
    "supersededAt" DATETIME,
    "pdfSha256" TEXT,
    "imageSha256" TEXT,
    "credential" TEXT,
    "statusListIndex" INTEGER,
    CONSTRAINT "Certificate_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Certificate_supersededById_fkey" FOREIGN KEY ("supersededById") REFERENCES "Certificate" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Certificate" ("enrollmentId", "id", "issuedAt", "issuedById", "revokedAt", "revokedById", "revokedReason", "serial", "snapshot", "verificationCode") SELECT "enrollmentId", "id", "issuedAt", "issuedById", "revokedAt", "revokedById", "revokedReason", "serial", "snapshot", "verificationCode" FROM "Certificate";
DROP TABLE "Certificate";
ALTER TABLE "new_Certificate" RENAME TO "Certificate";
CREATE UNIQUE INDEX "Certificate_serial_key" ON "Certificate"("serial");
CREATE UNIQUE INDEX "Certificate_verificationCode_key" ON "Certificate"("verificationCode");
CREATE UNIQUE INDEX "Certificate_supersededById_key" ON "Certificate"("supersededById");
CREATE UNIQUE INDEX "Certificate_statusListIndex_key" ON "Certificate"("statusListIndex");
CREATE INDEX "Certificate_issuedAt_idx" ON "Certificate"("issuedAt");
CREATE INDEX "Certificate_enrollmentId_issuedAt_idx" ON "Certificate"("enrollmentId", "issuedAt");
CREATE UNIQUE INDEX "Certificate_enrollmentId_sequence_key" ON "Certificate"("enrollmentId", "sequence");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "SigningKey_keyId_key" ON "SigningKey"("keyId");
