import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { AccessTokenGuard } from '../graph/access-token.guard.js';
import { GraphVersionPipe } from '../graph/graph-version.pipe.js';
import type { SendResponse } from './messages.service.js';
import { MessagesService } from './messages.service.js';

@Controller(':version/:phoneNumberId/messages')
@UseGuards(AccessTokenGuard)
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Post()
  @HttpCode(200)
  send(@Param('version', GraphVersionPipe) _version: string, @Param('phoneNumberId') phoneNumberId: string, @Body() body: unknown): SendResponse {
    return this.messages.send(phoneNumberId, body);
  }
}
