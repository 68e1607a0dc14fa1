import { setTimeout as sleep } from 'node:timers/promises';
import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { FailureModesState } from '../control/failure-modes.js';
import { AccessTokenGuard } from '../graph/access-token.guard.js';
import { GraphVersionPipe } from '../graph/graph-version.pipe.js';
import type { SendResponse } from './messages.service.js';
import { MessagesService } from './messages.service.js';

@Controller(':version/:phoneNumberId/messages')
@UseGuards(AccessTokenGuard)
export class MessagesController {
  constructor(
    private readonly messages: MessagesService,
    private readonly failureModes: FailureModesState,
  ) {}

  @Post()
  @HttpCode(200)
  async send(
    @Param('version', GraphVersionPipe) _version: string,
    @Param('phoneNumberId') phoneNumberId: string,
    @Body() body: unknown,
  ): Promise<SendResponse> {
    const answer = this.messages.send(phoneNumberId, body);
    // A slow answer to a send already accepted: what a client killed mid-call leaves behind.
    const { sendLatencyMs } = this.failureModes.current();
    if (sendLatencyMs > 0) await sleep(sendLatencyMs);
    return answer;
  }
}
