import { DomainError } from '@giliran/core';
import type { Office, ServiceEntity } from '@giliran/database';
import type { OfficeRepository } from '@giliran/offices';

/** The office and its service a request names, or 404. `fresh`: past the set-up cache. */
export async function officeAndService(
  offices: OfficeRepository,
  officeId: string,
  serviceId: string,
  fresh = false,
): Promise<{ office: Office; service: ServiceEntity }> {
  const [office, service] = await Promise.all([
    offices.findOffice(officeId),
    fresh ? offices.findServiceFresh(officeId, serviceId) : offices.findService(officeId, serviceId),
  ]);
  if (!office) throw new DomainError('NOT_FOUND', 404, 'office not found');
  if (!service) throw new DomainError('NOT_FOUND', 404, 'service not found');
  return { office, service };
}
