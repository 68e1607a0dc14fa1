import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyGuard, CONSOLE_PERMISSIONS, CurrentPrincipal, StaffRoles, type StaffPrincipal } from '#sigillo/auth';
import { ConsoleSessionService, type SessionAnswer } from './console-session.service.js';
import { sessionRequest } from './session-request.js';

@ApiExcludeController()
@Controller('console/api/session')
@UseGuards(ApiKeyGuard)
export class ConsoleSessionController {
  constructor(private readonly session: ConsoleSessionService) {}

  @Post()
  @HttpCode(200)
  signIn(@Body() body: unknown, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionAnswer> {
    return this.session.signIn(body, sessionRequest(req), reply);
  }

  @Get()
  @StaffRoles(...CONSOLE_PERMISSIONS.read)
  current(@CurrentPrincipal() principal: StaffPrincipal): SessionAnswer {
    return this.session.current(principal);
  }

  @Delete()
  @HttpCode(204)
  @StaffRoles(...CONSOLE_PERMISSIONS.read)
  signOut(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    return this.session.signOut(sessionRequest(req), reply);
  }
}
