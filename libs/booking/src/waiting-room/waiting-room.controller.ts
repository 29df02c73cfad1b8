import { CurrentUser, Public, Roles, type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import type { ReleaseLiveView, WaitingRoomChallenge, WaitingRoomPass, WaitingRoomStatus } from '@giliran/contracts';
import { PublicWriteThrottle } from '@giliran/infra';
import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { WaitingRoomService } from './waiting-room.service';

const uuid = new ParseUUIDPipe();

export class JoinWaitingRoomDto {
  @ApiPropertyOptional({ description: 'base64 of the JSON {algorithm, challenge, number, salt, signature}; needed unless CHALLENGE_MAX_NUMBER=0' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  altcha?: string;
}

@ApiTags('booking (public)')
@Public()
@Controller('api/v1')
export class WaitingRoomController {
  constructor(private readonly room: WaitingRoomService) {}

  @Get('challenge')
  @ApiOperation({ summary: 'An ALTCHA proof of work: find number with sha256(salt + number) in hex equal to challenge (0 … maxnumber)' })
  challenge(@Res({ passthrough: true }) res: FastifyReply): WaitingRoomChallenge {
    res.header('Cache-Control', 'no-store');
    return this.room.challenge();
  }

  @Post('offices/:officeId/services/:serviceId/waiting-room')
  @UseGuards(PublicWriteThrottle)
  @ApiOperation({
    summary: "Join the line of the service's release (the one open now, else the next): a pass admitted in the order of joining. 400 CHALLENGE_FAILED",
  })
  join(@Param('officeId', uuid) officeId: string, @Param('serviceId', uuid) serviceId: string, @Body() body: JoinWaitingRoomDto): Promise<WaitingRoomPass> {
    return this.room.join(officeId, serviceId, body.altcha);
  }

  @Get('waiting-room/:passToken')
  @ApiOperation({ summary: 'A pass: waiting (place, expected admission), admitted (with the admission token for one booking) or expired' })
  status(@Param('passToken') token: string, @Res({ passthrough: true }) res: FastifyReply): Promise<WaitingRoomStatus> {
    res.header('Cache-Control', 'no-store');
    return this.room.status(token);
  }
}

@ApiTags('booking (staff)')
@ApiBearerAuth()
@Roles('admin', 'supervisor')
@Controller('api/v1')
export class ReleaseLiveController {
  constructor(private readonly room: WaitingRoomService) {}

  @Get('offices/:officeId/services/:serviceId/waiting-room')
  @ApiOperation({ summary: 'The release the waiting room serves now: joined, admitted, booked with an admission, places left' })
  live(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Param('serviceId', uuid) serviceId: string): Promise<ReleaseLiveView> {
    assertOfficeAccess(user, officeId);
    return this.room.live(officeId, serviceId);
  }
}
