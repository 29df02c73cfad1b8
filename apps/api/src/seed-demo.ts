import 'reflect-metadata';
import type { StaffPrincipal } from '@giliran/auth';
import { AuthService } from '@giliran/auth';
import { ConfigError, loadConfig } from '@giliran/config';
import { RedisUnavailableError, resolveRedisUrl } from '@giliran/infra';
import { OfficeRepository, OfficeService } from '@giliran/offices';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';

const DEMO_CODE = 'DEMO';
const OFFICER = { username: 'petugas', password: 'petugas123' };
const SUPERVISOR = { username: 'supervisor', password: 'supervisor123' };

/** npm run seed:demo — a demo office a new user can click through at once. Idempotent. */
async function seed(): Promise<void> {
  const config = { ...loadConfig(), worker: 'off' as const };
  const redisUrl = await resolveRedisUrl(config.redisUrl, config.varDir);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, redisUrl), { logger: ['error', 'warn'] });
  try {
    const auth = app.get(AuthService);
    await auth.ensureFirstAdmin();
    const existing = await app.get(OfficeRepository).findOfficeByCode(DEMO_CODE);
    if (existing) {
      console.log(`The demo office exists already: ${existing.name} (${existing.id}).`);
      return;
    }
    const admin: StaffPrincipal = { id: randomUUID(), username: 'seed', role: 'admin', officeId: null };
    const offices = app.get(OfficeService);
    const office = await offices.create(admin, { code: DEMO_CODE, name: 'Disdukcapil Kota Contoh', timezone: 'Asia/Jakarta' });
    await offices.setHours(admin, office.id, { week: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '23:59' })) });
    const services = [];
    for (const [code, prefix, name] of [
      ['ktp', 'A', 'KTP Elektronik'],
      ['kk', 'B', 'Kartu Keluarga'],
      ['akta', 'C', 'Akta Kelahiran'],
    ]) {
      services.push(
        await offices.createService(admin, office.id, { code, prefix, name, slotMinutes: 15, slotCapacity: 4, bookingWindowDays: 14, dailyTicketQuota: null }),
      );
    }
    const ids = services.map((s) => s.id);
    await offices.createCounter(admin, office.id, { name: 'Loket 1', serviceIds: ids });
    await offices.createCounter(admin, office.id, { name: 'Loket 2', serviceIds: [ids[1], ids[0], ids[2]] });
    await offices.createCounter(admin, office.id, { name: 'Loket 3', serviceIds: [ids[2], ids[0]] });
    for (const [user, role] of [
      [OFFICER, 'officer'],
      [SUPERVISOR, 'supervisor'],
    ] as const) {
      await auth.create(admin, { ...user, role, officeId: office.id }).catch(() => undefined);
    }
    console.log(`Demo office "${office.name}" created (id ${office.id}), open around the clock.`);
    console.log(`Officer: ${OFFICER.username} / ${OFFICER.password}   Supervisor: ${SUPERVISOR.username} / ${SUPERVISOR.password}`);
    console.log(`Kiosk: /kiosk?office=${office.id}   Display: /display?office=${office.id}   Counter: /counter`);
  } finally {
    await app.close();
  }
}

seed().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof ConfigError || err instanceof RedisUnavailableError ? err.message : err);
    process.exit(1);
  },
);
