import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { AccessTokenGuard } from '../graph/access-token.guard.js';
import { GraphVersionPipe } from '../graph/graph-version.pipe.js';
import { requestUrl } from '../graph/request-url.js';
import type { TemplatePage } from './template-pages.service.js';
import { TemplatePagesService } from './template-pages.service.js';

@Controller(':version/:wabaId/message_templates')
@UseGuards(AccessTokenGuard)
export class MessageTemplatesController {
  constructor(private readonly pages: TemplatePagesService) {}

  @Get()
  list(
    @Param('version', GraphVersionPipe) _version: string,
    @Param('wabaId') wabaId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
  ): TemplatePage {
    return this.pages.page(wabaId, query, requestUrl(request));
  }
}
