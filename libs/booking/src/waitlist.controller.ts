import { Public } from '@giliran/auth';
import type { WaitlistJoined, WaitlistView } from '@giliran/contracts';
import { PublicWriteThrottle } from '@giliran/infra';
import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { JoinWaitlistDto } from './booking.dto';
import { WaitlistService } from './waitlist';

@ApiTags('booking (public)')
@Public()
@Controller('api/v1/waitlist')
export class WaitlistController {
  constructor(private readonly waitlist: WaitlistService) {}

  @Post()
  @UseGuards(PublicWriteThrottle)
  @ApiOperation({
    summary:
      'Wait for a place on a full day: the first place that frees up is booked for the earliest entry. 409 PLACES_AVAILABLE, DUPLICATE_BOOKING, NOT_YET_RELEASED; 400 INVALID_NIK, SLOT_UNAVAILABLE',
  })
  join(@Body() body: JoinWaitlistDto): Promise<WaitlistJoined> {
    return this.waitlist.join(body);
  }

  @Get(':manageToken')
  @ApiOperation({ summary: 'The entry: waiting (with its place), booked (with the booking), cancelled or expired' })
  get(@Param('manageToken') token: string): Promise<WaitlistView> {
    return this.waitlist.view(token);
  }

  @Post(':manageToken/cancel')
  @HttpCode(200)
  @UseGuards(PublicWriteThrottle)
  cancel(@Param('manageToken') token: string): Promise<WaitlistView> {
    return this.waitlist.cancel(token);
  }
}
