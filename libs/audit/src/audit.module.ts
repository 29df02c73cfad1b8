import { AUDIT_SINK } from '@giliran/core';
import { Global, Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditTrail } from './audit-trail';

/** The audit trail for every lib (global), and its reading endpoint for supervisors. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditTrail, { provide: AUDIT_SINK, useExisting: AuditTrail }],
  exports: [AuditTrail, AUDIT_SINK],
})
export class AuditModule {}
