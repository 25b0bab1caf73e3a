-- CreateTable
CREATE TABLE "OrganisationViewer" (
    "personId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "OrganisationViewer_pkey" PRIMARY KEY ("personId","organisationId")
);

-- CreateTable
CREATE TABLE "ReportApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "organisationId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ReportApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrganisationViewer_organisationId_idx" ON "OrganisationViewer"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportApiToken_tokenHash_key" ON "ReportApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ReportApiToken_revokedAt_idx" ON "ReportApiToken"("revokedAt");

-- AddForeignKey
ALTER TABLE "OrganisationViewer" ADD CONSTRAINT "OrganisationViewer_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationViewer" ADD CONSTRAINT "OrganisationViewer_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportApiToken" ADD CONSTRAINT "ReportApiToken_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
