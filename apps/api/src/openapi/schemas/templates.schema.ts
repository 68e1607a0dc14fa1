import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PASSWEB_EVENT_TYPES } from '#sigillo/passweb';
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from '#sigillo/whatsapp';

export class TemplateSchema {
  @ApiProperty({ type: 'string', example: 'order_status_update' })
  name: string;

  @ApiProperty({ type: 'string', example: 'it' })
  language: string;

  @ApiProperty({ type: 'string', enum: TEMPLATE_CATEGORIES, example: 'UTILITY' })
  category: string;

  @ApiProperty({ type: 'string', enum: TEMPLATE_STATUSES, example: 'APPROVED' })
  status: string;

  @ApiProperty({
    type: 'object',
    description:
      'parameterFormat (NAMED for {{first_name}} placeholders; absent: positional {{1}}), header (format, text, placeholders), body (text, placeholders), footer, buttons (index, type, text, url, placeholders); placeholders are numbers, or names in a NAMED template',
    additionalProperties: true,
  })
  components: Record<string, unknown>;
}

export class TemplateRef {
  @ApiProperty({ type: 'string', example: 'order_status_update' })
  name: string;

  @ApiProperty({ type: 'string', example: 'it' })
  language: string;
}

export class BindingMedia {
  @ApiProperty({ type: 'string', format: 'uri', example: 'https://shop.example/img/cart.jpg' })
  link: string;

  @ApiPropertyOptional({ type: 'string', example: 'anteprima.pdf' })
  filename?: string;
}

export class BindingBody {
  @ApiProperty({ type: () => [TemplateRef], description: 'One template per language; the recipient language picks one, else the tenant default' })
  templates: TemplateRef[];

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      'Placeholder slot → event variable; at most 5 distinct variables. Positional templates: header.1, body.N, button.I.N; named (parameter_format NAMED) templates: header.order_id, body.first_name, button.I.order_code',
    example: {
      'header.1': 'documentCode',
      'body.1': 'firstName',
      'body.2': 'documentCode',
      'body.3': 'newStatus',
      'body.4': 'orderTotal',
      'button.0.1': 'documentCode',
    },
  })
  variables: Record<string, string>;

  @ApiPropertyOptional({
    type: 'object',
    properties: { newStatus: { type: 'array', items: { type: 'string' } } },
    description: 'Only events whose data match',
    example: { newStatus: ['Spedito', 'Consegnato'] },
  })
  condition?: { newStatus?: string[] };

  @ApiPropertyOptional({ type: [String], description: 'Only recipients in one of these Passweb groups', example: ['clienti'] })
  userGroups?: string[];

  @ApiPropertyOptional({ type: () => BindingMedia, description: 'The link of a media header (IMAGE, VIDEO, DOCUMENT)' })
  media?: BindingMedia;
}

export class BindingSchema extends BindingBody {
  @ApiProperty({ type: 'string', enum: PASSWEB_EVENT_TYPES, example: 'order.status_changed' })
  eventType: string;
}

export class SyncResult {
  @ApiProperty({ type: 'integer', description: 'Templates in the catalog after the sync', example: 14 })
  templates: number;
}

export const TEMPLATE_EXAMPLE = {
  name: 'order_status_update',
  language: 'it',
  category: 'UTILITY',
  status: 'APPROVED',
  components: {
    header: { format: 'TEXT', text: 'Ordine {{1}}', placeholders: [1] },
    body: { text: 'Ciao {{1}}, il tuo ordine {{2}} è ora: {{3}}. Totale {{4}} €.', placeholders: [1, 2, 3, 4] },
    footer: { text: 'Negozio di prova' },
    buttons: [{ index: 0, type: 'URL', text: 'Vedi ordine', url: 'https://shop.example/orders/{{1}}', placeholders: [1] }],
  },
};

export const BINDING_BODY_EXAMPLE = {
  templates: [
    { name: 'order_status_update', language: 'it' },
    { name: 'order_status_update', language: 'en' },
  ],
  variables: {
    'header.1': 'documentCode',
    'body.1': 'firstName',
    'body.2': 'documentCode',
    'body.3': 'newStatus',
    'body.4': 'orderTotal',
    'button.0.1': 'documentCode',
  },
  condition: { newStatus: ['Spedito', 'Consegnato'] },
};
