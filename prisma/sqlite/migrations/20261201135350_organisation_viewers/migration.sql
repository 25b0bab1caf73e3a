-- CreateTable
CREATE TABLE "OrganisationViewer" (
    "personId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    PRIMARY KEY ("personId", "organisationId"),
    CONSTRAINT "OrganisationViewer_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrganisationViewer_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "organisationId" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ReportApiToken_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OrganisationViewer_organisationId_idx" ON "OrganisationViewer"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "ReportApiToken_tokenHash_key" ON "ReportApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ReportApiToken_revokedAt_idx" ON "ReportApiToken"("revokedAt");
