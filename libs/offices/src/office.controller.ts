import { CurrentUser, Public, Roles, type StaffPrincipal, assertOfficeAccess } from '@giliran/auth';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApplyNationalHolidaysDto,
  CreateCounterDto,
  CreateHolidayDto,
  CreateOfficeDto,
  CreateServiceDto,
  OpeningHoursDto,
  UpdateCounterDto,
  UpdateOfficeDto,
  UpdateServiceDto,
} from './office.dto';
import { OfficeService } from './office.service';
import { counterView, serviceView } from './views';

const uuid = new ParseUUIDPipe();

@ApiTags('offices (public)')
@Public()
@Controller('api/v1/offices')
export class PublicOfficeController {
  constructor(private readonly offices: OfficeService) {}

  @Get()
  @ApiOperation({ summary: 'All offices' })
  list() {
    return this.offices.list();
  }

  @Get(':officeId')
  @ApiOperation({
    summary:
      'An office with its active services and its counters. The staff-only settings (webhookUrl, targetWaitMinutes, reminderOffsets) only with a token of an admin or of that office’s staff.',
  })
  detail(@Param('officeId', uuid) officeId: string, @CurrentUser() user: StaffPrincipal | undefined) {
    const staff = !!user && (user.role === 'admin' || user.officeId === officeId);
    return this.offices.detail(officeId, { includeInactive: false, staffFields: staff });
  }
}

@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin', 'supervisor')
@Controller('api/v1/offices')
export class AdminOfficeController {
  constructor(private readonly offices: OfficeService) {}

  @Post()
  @Roles('admin')
  create(@CurrentUser() user: StaffPrincipal, @Body() body: CreateOfficeDto) {
    return this.offices.create(user, body);
  }

  @Patch(':officeId')
  update(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Body() body: UpdateOfficeDto) {
    return this.offices.update(user, officeId, body);
  }

  @Get(':officeId/opening-hours')
  getHours(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string) {
    return this.offices.getHours(user, officeId);
  }

  @Put(':officeId/opening-hours')
  setHours(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Body() body: OpeningHoursDto) {
    return this.offices.setHours(user, officeId, body);
  }

  @Post(':officeId/holidays')
  addHoliday(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Body() body: CreateHolidayDto) {
    return this.offices.addHoliday(user, officeId, body);
  }

  @Get(':officeId/holidays')
  holidays(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string) {
    return this.offices.listHolidays(user, officeId);
  }

  @Delete(':officeId/holidays/:date')
  @HttpCode(204)
  deleteHoliday(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Param('date') date: string) {
    return this.offices.deleteHoliday(user, officeId, date);
  }

  @Post(':officeId/holidays/national')
  @ApiOperation({ summary: 'Apply the shipped national holidays (and collective leave) of a year to the office' })
  applyNational(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Body() body: ApplyNationalHolidaysDto) {
    return this.offices.applyNationalHolidays(user, officeId, body.year, body.includeCollectiveLeave ?? true);
  }

  @Post(':officeId/services')
  createService(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Body() body: CreateServiceDto) {
    return this.offices.createService(user, officeId, body);
  }

  @Get(':officeId/services')
  async services(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string) {
    assertOfficeAccess(user, officeId);
    return (await this.offices.detail(officeId, { includeInactive: true })).services;
  }

  @Get(':officeId/services/:serviceId')
  async service(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Param('serviceId', uuid) serviceId: string) {
    assertOfficeAccess(user, officeId);
    return serviceView(await this.offices.getService(officeId, serviceId));
  }

  @Patch(':officeId/services/:serviceId')
  updateService(
    @CurrentUser() user: StaffPrincipal,
    @Param('officeId', uuid) officeId: string,
    @Param('serviceId', uuid) serviceId: string,
    @Body() body: UpdateServiceDto,
  ) {
    return this.offices.updateService(user, officeId, serviceId, body);
  }

  @Post(':officeId/counters')
  createCounter(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Body() body: CreateCounterDto) {
    return this.offices.createCounter(user, officeId, body);
  }

  @Get(':officeId/settings')
  @ApiOperation({ summary: 'The office with all its settings, channel settings included (staff)' })
  settings(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string) {
    assertOfficeAccess(user, officeId);
    return this.offices.detail(officeId, { includeInactive: true });
  }

  @Get(':officeId/counters')
  @Roles('admin', 'supervisor', 'officer')
  async counters(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string) {
    assertOfficeAccess(user, officeId);
    return (await this.offices.detail(officeId, { includeInactive: true })).counters;
  }

  @Get(':officeId/counters/:counterId')
  @Roles('admin', 'supervisor', 'officer')
  async counter(@CurrentUser() user: StaffPrincipal, @Param('officeId', uuid) officeId: string, @Param('counterId', uuid) counterId: string) {
    assertOfficeAccess(user, officeId);
    return counterView(await this.offices.getCounter(officeId, counterId));
  }

  @Patch(':officeId/counters/:counterId')
  updateCounter(
    @CurrentUser() user: StaffPrincipal,
    @Param('officeId', uuid) officeId: string,
    @Param('counterId', uuid) counterId: string,
    @Body() body: UpdateCounterDto,
  ) {
    return this.offices.updateCounter(user, officeId, counterId, body);
  }
}

@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin', 'supervisor')
@Controller('api/v1/holidays')
export class NationalHolidaysController {
  constructor(private readonly offices: OfficeService) {}

  @Get('national')
  @ApiOperation({ summary: 'The national holiday lists shipped with Giliran' })
  national() {
    return this.offices.nationalHolidayLists();
  }
}
