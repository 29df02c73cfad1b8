import { CurrentUser, Public, Roles, type StaffPrincipal } from '@giliran/auth';
import { PublicWriteThrottle, RequestDeadlineAt, idempotencyKeyOf } from '@giliran/infra';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppointmentsQuery, AvailabilityQuery, CheckInDto, CreateAppointmentDto, RescheduleDto } from './booking.dto';
import { BookingService } from './booking.service';
import { appointmentCalendar } from './calendar';
import { AppointmentDays } from './appointment-days';

const uuid = new ParseUUIDPipe();

@ApiTags('booking (public)')
@Public()
@Controller('api/v1')
export class BookingController {
  constructor(private readonly booking: BookingService) {}

  @Get('offices/:officeId/services/:serviceId/availability')
  @ApiOperation({ summary: 'Bookable slots with remaining places, in the office time zone' })
  availability(@Param('officeId', uuid) officeId: string, @Param('serviceId', uuid) serviceId: string, @Query() q: AvailabilityQuery) {
    return this.booking.availability(officeId, serviceId, q.from, q.to);
  }

  @Post('appointments')
  @UseGuards(PublicWriteThrottle)
  @ApiOperation({
    summary:
      'Book a slot. 409 SLOT_FULL, DUPLICATE_BOOKING, QUOTA_REACHED, NOT_YET_RELEASED; 400 SLOT_UNAVAILABLE, INVALID_NIK; 428 ADMISSION_REQUIRED; 403 ADMISSION_INVALID. A staff token books on behalf of a citizen (no admission needed).',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'a retry with the same key gets the first answer and books nothing more' })
  @ApiHeader({
    name: 'X-Admission-Token',
    required: false,
    description: "the waiting room's admission, for a day just released (428 ADMISSION_REQUIRED, 403 ADMISSION_INVALID)",
  })
  async book(
    @Body() body: CreateAppointmentDto,
    @Headers('idempotency-key') key: string | undefined,
    @Headers('x-admission-token') admissionToken: string | undefined,
    @Req() req: FastifyRequest & { user?: StaffPrincipal },
    @RequestDeadlineAt() deadline: number | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const { status, body: appointment } = await this.booking.book(body, { idempotencyKey: idempotencyKeyOf(key), staff: req.user, deadline, admissionToken });
    res.status(status);
    return appointment;
  }

  @Get('appointments/:manageToken')
  @ApiOperation({ summary: 'The appointment, for the citizen’s own link (NIK masked)' })
  get(@Param('manageToken') token: string) {
    return this.booking.get(token);
  }

  @Post('appointments/:manageToken/cancel')
  @HttpCode(200)
  @UseGuards(PublicWriteThrottle)
  cancel(@Param('manageToken') token: string, @RequestDeadlineAt() deadline: number | undefined) {
    return this.booking.cancel(token, new Date(), { deadline });
  }

  @Post('appointments/:manageToken/reschedule')
  @HttpCode(200)
  @UseGuards(PublicWriteThrottle)
  @ApiOperation({
    summary: 'Move to another slot; atomic: the old slot is kept if the new one fails. Into a day just released: X-Admission-Token as for booking',
  })
  reschedule(
    @Param('manageToken') token: string,
    @Body() body: RescheduleDto,
    @RequestDeadlineAt() deadline: number | undefined,
    @Headers('x-admission-token') admissionToken: string | undefined,
  ) {
    return this.booking.reschedule(token, body.start, new Date(), { deadline, admissionToken });
  }

  @Get('appointments/:manageToken/calendar.ics')
  @ApiProduces('text/calendar')
  async calendar(@Param('manageToken') token: string, @Res({ passthrough: true }) res: FastifyReply) {
    const { a, office, service } = await this.booking.forCalendar(token);
    res.type('text/calendar; charset=utf-8').header('Content-Disposition', `attachment; filename="giliran-${a.code}.ics"`);
    return appointmentCalendar(a, office, service);
  }

  @Post('offices/:officeId/check-in')
  @UseGuards(PublicWriteThrottle)
  @ApiOperation({
    summary:
      'Check in with the booking code: a ticket ahead of regular walk-ins. 404 APPOINTMENT_NOT_FOUND; 409 CHECK_IN_TOO_EARLY, CHECK_IN_TOO_LATE, ALREADY_CHECKED_IN',
  })
  checkIn(@Param('officeId', uuid) officeId: string, @Body() body: CheckInDto, @RequestDeadlineAt() deadline: number | undefined) {
    return this.booking.checkIn(officeId, body.code, new Date(), { deadline });
  }
}

@ApiTags('booking (staff)')
@ApiBearerAuth()
@Roles('admin', 'supervisor', 'officer')
@Controller('api/v1')
export class StaffBookingController {
  constructor(private readonly days: AppointmentDays) {}

  @Get('offices/:officeId/appointments')
  @ApiOperation({ summary: 'The appointments of a day (NIK masked)' })
  list(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Query() q: AppointmentsQuery) {
    return this.days.listOfDay(user, officeId, q.date);
  }
}
