import { ApiParam, ApiQuery } from '@nestjs/swagger';

/** The `:phone` path parameter of the routes about one WhatsApp user: a number or a business-scoped user id. */
export const ApiWhatsAppUserParam = () =>
  ApiParam({
    name: 'phone',
    type: 'string',
    description:
      "E.164 or national (the tenant's country), URL-encoded; or the business-scoped user id of a WhatsApp user known by no number (IT.1502576394655843)",
    example: '+393330000001',
  });

/** `?tenantId=`: a deployment-wide key names the tenant it acts for; a tenant's key needs none. */
export const ApiTenantQuery = () =>
  ApiQuery({
    name: 'tenantId',
    type: 'string',
    required: false,
    description: 'Needed with a deployment-wide key',
    example: '3f1e2d4c-5b6a-4978-8c1d-0e2f3a4b5c6d',
  });
