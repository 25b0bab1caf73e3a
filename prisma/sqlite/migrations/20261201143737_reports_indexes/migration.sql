-- CreateIndex
CREATE INDEX "Attendance_enrollmentId_status_sessionId_idx" ON "Attendance"("enrollmentId", "status", "sessionId");
